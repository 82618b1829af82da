/**
 * What the map knows about the hub: ward shapes and series (loaded once) and the indicators of each month
 * (loaded when first shown, then cached). Talks only GraphQL.
 */
import type { GraphQLClient } from '../graphql/client';
import { LastRunQuery, MonthIndicatorsQuery, WardsFromReportsQuery, WardsQuery } from '../graphql/documents';
import type { AggregateRun, LastRunAnswer, MonthIndicatorsAnswer, WardsFromReportsAnswer, WardShape, WardsAnswer } from '../graphql/types';
import { figuresFromReports, isSchemaMismatch, type ReportFigures } from './reportsFallback';
import { monthRange } from '../state';

/** Earliest month the map asks about; reports in the seeds start in 2021. */
export const firstMonth = '2020-01';

export function currentMonth(now = new Date()): string {
  return `${now.getUTCFullYear()}-${String(now.getUTCMonth() + 1).padStart(2, '0')}`;
}

export class HubData {
  wards: WardShape[] = [];
  private months = new Map<string, Promise<MonthIndicatorsAnswer>>();

  constructor(private client: GraphQLClient) {}

  /** Set when the hub has no aggregates in its schema yet and the figures come from the reports. */
  fromReports: ReportFigures | null = null;

  async loadWards(): Promise<WardShape[]> {
    try {
      const answer = await this.client.request<WardsAnswer>(WardsQuery(firstMonth, currentMonth()));
      this.wards = answer.wards.nodes;
    } catch (e) {
      if (!isSchemaMismatch(e)) throw e;
      this.fromReports = figuresFromReports(await this.client.request<WardsFromReportsAnswer>(WardsFromReportsQuery));
      this.wards = this.fromReports.wards;
    }
    return this.wards;
  }

  /** Months with a figure for at least one ward, oldest first; the trend says which months exist. */
  availableMonths(): string[] {
    const seen = new Set<string>();
    for (const ward of this.wards) for (const point of ward.trend ?? []) if (point.rate != null) seen.add(point.month);
    const months = [...seen].sort();
    if (months.length === 0) return [];
    // Fill holes so the slider moves one calendar month per step.
    return monthRange(months[0]!, months[months.length - 1]!);
  }

  month(month: string): Promise<MonthIndicatorsAnswer> {
    if (this.fromReports) return Promise.resolve(this.fromReports.month(month));
    let pending = this.months.get(month);
    if (!pending) {
      pending = this.client.request<MonthIndicatorsAnswer>(MonthIndicatorsQuery(month));
      pending.catch(() => this.months.delete(month));
      this.months.set(month, pending);
    }
    return pending;
  }

  /** Forgets cached figures after the data version changed. */
  async invalidate(): Promise<void> {
    this.months.clear();
    if (this.fromReports) await this.loadWards();
  }

  async lastRun(): Promise<AggregateRun | null> {
    const answer = await this.client.request<LastRunAnswer>(LastRunQuery);
    return answer.aggregateRuns.nodes[0] ?? null;
  }
}
