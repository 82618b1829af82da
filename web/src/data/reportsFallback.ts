/**
 * The map's figures computed from the monthly reports, for a hub whose schema does not have the
 * aggregates yet (issue 5). Only account ownership is known this way; the other indicators stay empty.
 */
import type { Indicators, MonthIndicatorsAnswer, WardsFromReportsAnswer, WardShape } from '../graphql/types';

export interface ReportFigures {
  wards: WardShape[];
  month: (month: string) => MonthIndicatorsAnswer;
}

/** The target for a month: of the city/ward-wide targets, the first whose deadline is not yet past, else the last. */
export function targetFor(month: string, targets: WardsFromReportsAnswer['targets']['nodes']): number | null {
  const wide = targets.filter((t) => t.scope === 'CITY' || t.scope === 'EACH_WARD').sort((a, b) => a.deadline.localeCompare(b.deadline));
  if (wide.length === 0) return null;
  const firstDay = `${month}-01`;
  return (wide.find((t) => t.deadline >= firstDay) ?? wide[wide.length - 1]!).value;
}

export function figuresFromReports(answer: WardsFromReportsAnswer): ReportFigures {
  const wards: WardShape[] = answer.wards.nodes.map((w) => ({
    id: w.id, code: w.code, name: w.name, kind: w.kind, geometry: w.geometry,
    trend: w.reports.nodes.map((r) => ({ month: r.month, rate: r.accountOwnershipRate })),
  }));
  const month = (m: string): MonthIndicatorsAnswer => {
    const target = targetFor(m, answer.targets.nodes);
    let holders = 0;
    let residents = 0;
    const nodes = answer.wards.nodes.map((w) => {
      const r = w.reports.nodes.find((x) => x.month === m);
      if (!r || r.accountOwnershipRate == null) return { id: w.id, name: w.name, indicators: null };
      holders += r.accountHolders15Plus ?? 0;
      residents += r.residents15Plus ?? 0;
      const indicators: Indicators = {
        accountOwnership: {
          holders: r.accountHolders15Plus, residents15Plus: r.residents15Plus, rate: r.accountOwnershipRate,
          target, gap: target == null ? null : r.accountOwnershipRate - target,
        },
      };
      return { id: w.id, name: w.name, indicators };
    });
    const cityRate = residents > 0 ? holders / residents : null;
    return {
      city: { indicators: { accountOwnership: { holders, residents15Plus: residents, rate: cityRate, target, gap: cityRate == null || target == null ? null : cityRate - target } } },
      wards: { nodes },
    };
  };
  return { wards, month };
}

/** True when the server rejected a document for a field or argument its schema lacks. */
export function isSchemaMismatch(error: unknown): boolean {
  return error instanceof Error && /Cannot query field|Unknown argument|Unknown type|Unknown field/i.test(error.message);
}
