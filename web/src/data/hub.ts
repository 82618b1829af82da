/**
 * What the map knows about the hub, through GraphQL only. Ward shapes are vector tiles, so what is fetched here is
 * light at any scale: the months with figures, one value per ward code for the month and indicator shown (cached),
 * and the figures of the wards a user looks at (the table's 100, or one hovered ward by code).
 */
import type { GraphQLClient } from '../graphql/client';
import { ChoroplethQuery, LastRunQuery, MapStartQuery, WardByCodeQuery, WardDetailsQuery } from '../graphql/documents';
import type { AggregateRun, ChoroplethAnswer, LastRunAnswer, MapStartAnswer, WardByCodeAnswer, WardDetailsAnswer, WardFigures } from '../graphql/types';
import { monthRange, type Indicator } from '../state';

/** Earliest month the map asks about; reports in the seeds start in 2021. */
export const firstMonth = '2020-01';

export function currentMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

/** The API's indicator for each of the map's (Wi-Fi is coloured by the share of residents covered). */
export const apiIndicator: Record<Indicator, string> = {
  ACCOUNT_OWNERSHIP: 'ACCOUNT_OWNERSHIP',
  QR_ADOPTION: 'QR_ADOPTION',
  WIFI_COVERAGE: 'WIFI_RESIDENTS_COVERAGE',
  TEAM_COVERAGE: 'TEAM_COVERAGE',
};

/** Values by ward code for one month and indicator. */
export type Choropleth = ReadonlyMap<string, number>;

export interface MapStart {
  /** Every month from the first to the last with figures (holes filled, so the slider moves one month a step). */
  months: string[];
  /** The latest month with figures, or null before the first aggregate refresh. */
  month: string | null;
  /** Current wards (for the legend's "no data" count: the choropleth lists only wards with a value). */
  wardCount: number;
}

export class HubData {
  private choropleths = new Map<string, Promise<Choropleth>>();
  private details = new Map<string, Promise<WardDetails>>();
  private single = new Map<string, Promise<WardFigures | null>>();
  private targets = new Map<string, number | null>();
  private figures = new Map<string, WardFigures>();

  constructor(private client: GraphQLClient) {}

  /** Months and the latest month's account ownership, in one request; the choropleth is cached for that month. */
  async start(): Promise<MapStart> {
    const answer = await this.client.request<MapStartAnswer>(MapStartQuery(firstMonth, currentMonth()));
    const withFigures = answer.city.trend.filter((p) => p.rate != null);
    for (const p of answer.city.trend) this.targets.set(p.month, p.target);
    const month = answer.choropleth.month;
    if (month) this.choropleths.set(key(month, 'ACCOUNT_OWNERSHIP'), Promise.resolve(toMap(answer.choropleth)));
    const months = withFigures.length ? monthRange(withFigures[0]!.month, withFigures[withFigures.length - 1]!.month) : [];
    return { months, month: month ?? months[months.length - 1] ?? null, wardCount: answer.wards.totalCount };
  }

  /** The target a month's account ownership is measured against (the city's), null when none applies. */
  target(month: string): number | null {
    return this.targets.get(month) ?? null;
  }

  choropleth(month: string, indicator: Indicator): Promise<Choropleth> {
    return cached(this.choropleths, key(month, indicator), () =>
      this.client.request<ChoroplethAnswer>(ChoroplethQuery(month), { indicator: apiIndicator[indicator] }).then((a) => toMap(a.choropleth)));
  }

  /** The 100 wards lowest in account ownership with all their figures (every ward of a city). */
  wardDetails(month: string): Promise<WardDetails> {
    return cached(this.details, month, async () => {
      const answer = await this.client.request<WardDetailsAnswer>(WardDetailsQuery(month));
      for (const row of answer.wards.nodes) this.figures.set(`${month}|${row.code}`, row);
      return { totalCount: answer.wards.totalCount, rows: answer.wards.nodes, byCode: new Map(answer.wards.nodes.map((n) => [n.code, n])) };
    });
  }

  /** One ward's figures: from the details when they hold it, else fetched by code (and kept). */
  async ward(code: string, month: string): Promise<WardFigures | null> {
    const details = this.details.get(month);
    const known = details ? (await details.catch(() => null))?.byCode.get(code) : undefined;
    if (known) return known;
    return cached(this.single, `${month}|${code}`, () =>
      this.client.request<WardByCodeAnswer>(WardByCodeQuery(month), { code }).then((a) => {
        const row = a.wards.nodes[0] ?? null;
        if (row) this.figures.set(`${month}|${code}`, row);
        return row;
      }));
  }

  /** A ward's figures if already loaded, so a hover card over a known ward draws at once. */
  wardNow(code: string, month: string): WardFigures | undefined {
    return this.figures.get(`${month}|${code}`);
  }

  /** Forgets cached figures after the data version changed. */
  invalidate(): void {
    this.choropleths.clear();
    this.details.clear();
    this.single.clear();
    this.figures.clear();
  }

  async lastRun(): Promise<AggregateRun | null> {
    const answer = await this.client.request<LastRunAnswer>(LastRunQuery);
    return answer.aggregateRuns.nodes[0] ?? null;
  }
}

export interface WardDetails {
  totalCount: number;
  rows: WardFigures[];
  byCode: ReadonlyMap<string, WardFigures>;
}

const key = (month: string, indicator: Indicator) => `${month}|${indicator}`;

function toMap(answer: ChoroplethAnswer['choropleth']): Choropleth {
  return new Map(answer.wards.map((w) => [w.code, w.value]));
}

/** A promise per key, dropped again when it fails so the next call retries. */
function cached<T>(cache: Map<string, Promise<T>>, k: string, load: () => Promise<T>): Promise<T> {
  let pending = cache.get(k);
  if (!pending) {
    pending = load();
    pending.catch(() => cache.delete(k));
    cache.set(k, pending);
  }
  return pending;
}
