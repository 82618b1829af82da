/** Shapes of the answers to the documents in documents.ts. */
import type { Geometry, Point } from 'geojson';

export type Month = string; // "YYYY-MM"

export interface AccountOwnership {
  holders: number | null;
  residents15Plus: number | null;
  rate: number | null;
  target: number | null;
  gap: number | null;
}

export interface Indicators {
  accountOwnership: AccountOwnership | null;
  qrAdoption?: { merchants: number; withQr: number; rate: number | null } | null;
  wifiCoverage?: { areaShare: number | null; residentsShare: number | null } | null;
  teamCoverage?: { neighborhoods: number; withTeam: number; rate: number | null } | null;
}

export interface TrendPoint {
  month: Month;
  rate: number | null;
}

export interface WardShape {
  id: string;
  code: string;
  name: string;
  kind: string;
  geometry: Geometry;
  trend: TrendPoint[];
}

export interface WardsAnswer {
  wards: { totalCount: number; nodes: WardShape[] };
}

export interface MonthIndicatorsAnswer {
  city: { indicators: Pick<Indicators, 'accountOwnership'> | null } | null;
  wards: { nodes: { id: string; name: string; indicators: Indicators | null }[] };
}

/** A ward's figures for a month, as the table, the CSV and the hover card show them. */
export interface WardFigures {
  id: string;
  code: string;
  name: string;
  indicators: Indicators | null;
}

export interface MapStartAnswer {
  wards: { totalCount: number };
  city: { trend: { month: Month; rate: number | null; target: number | null }[] };
  choropleth: ChoroplethAnswer['choropleth'];
}

export interface ChoroplethAnswer {
  choropleth: { month: Month | null; wards: { code: string; value: number }[] };
}

export interface WardDetailsAnswer {
  wards: { totalCount: number; nodes: WardFigures[] };
}

export interface WardByCodeAnswer {
  wards: { nodes: WardFigures[] };
}

export interface WardShapeAnswer {
  node: { geometry?: Geometry | null } | null;
}

export interface AggregateRun {
  finishedAt: string | null;
  startedAt: string | null;
  status: string;
  error: string | null;
}

export interface LastRunAnswer {
  aggregateRuns: { nodes: AggregateRun[] };
}

export interface WardReportRow {
  month: Month;
  households: number | null;
  population: number | null;
  residents15Plus: number | null;
  accountHolders15Plus: number | null;
  qualityFlags: string[];
}

export interface WardPanelAnswer {
  node: {
    id: string;
    name: string;
    code: string;
    kind: string;
    indicators: Indicators | null;
    trend: TrendPoint[];
    reports: { nodes: WardReportRow[] };
  } | null;
}

export interface WardInventoryAnswer {
  node: {
    teams: { totalCount: number };
    wifiPoints: { totalCount: number };
    modelStreets: { totalCount: number; nodes: { id: string; name: string; compliance?: number | null }[] };
    indicators?: { qrAdoption: { byCategory: { category: string; merchants: number; withQr: number; rate: number | null }[] } | null } | null;
  } | null;
}

export interface WardAdoptionAnswer {
  node: {
    modelStreets: { nodes: { id: string; compliance: { rate: number | null } | null }[] };
    indicators: { qrAdoption: { byCategory: { category: string; merchants: number; withQr: number; rate: number | null }[] } | null } | null;
  } | null;
}

export interface UnitBelowTarget {
  unitId: string;
  name: string;
  rate: number | null;
  target: number | null;
  gap: number | null;
  peopleToTarget: number | null;
}

export interface UnitsBelowTargetAnswer {
  gaps: { unitsBelowTarget: { totalCount: number; nodes: UnitBelowTarget[] } };
}

export interface NeighborhoodsWithoutTeamAnswer {
  gaps: { neighborhoodsWithoutTeam: { totalCount: number; nodes: { id: string; name: string; geometry: Geometry | null; ward: { name: string } | null }[] } };
}

export interface StreetsBelowTargetAnswer {
  gaps: { modelStreetsBelowTarget: { nodes: { name: string; compliance: number | null; merchantsWithoutQr: { name: string; location: Point }[] }[] } };
}
