/**
 * The map's state in one small observable store: what a user chose (month, indicator, classing, layers,
 * language) and what is selected. Features subscribe to the slice they draw.
 */
import type { Classing } from './features/choropleth/classify';
import type { Locale } from './i18n';

export type Indicator = 'ACCOUNT_OWNERSHIP' | 'QR_ADOPTION' | 'WIFI_COVERAGE' | 'TEAM_COVERAGE';
export const indicators: readonly Indicator[] = ['ACCOUNT_OWNERSHIP', 'QR_ADOPTION', 'WIFI_COVERAGE', 'TEAM_COVERAGE'];

export type LayerName = 'neighborhoods' | 'merchants' | 'wifi' | 'streets' | 'hexagons';
export const layerNames: readonly LayerName[] = ['neighborhoods', 'merchants', 'wifi', 'streets', 'hexagons'];

export type HexMetric = 'merchants' | 'merchants_with_qr' | 'qr_rate';
export const hexMetrics: readonly HexMetric[] = ['merchants', 'merchants_with_qr', 'qr_rate'];

export type View = 'map' | 'gaps' | 'table';

export interface AppState {
  locale: Locale;
  months: readonly string[];
  month: string | null;
  playing: boolean;
  indicator: Indicator;
  classing: Classing;
  classCount: number;
  manualBreaks: readonly number[];
  layers: Readonly<Record<LayerName, boolean>>;
  hexMetric: HexMetric;
  selectedWardId: string | null;
  view: View;
  dataVersion: number | null;
}

export const initialState: AppState = {
  locale: 'vi',
  months: [],
  month: null,
  playing: false,
  indicator: 'ACCOUNT_OWNERSHIP',
  classing: 'target',
  classCount: 6,
  manualBreaks: [0.5, 0.6, 0.65, 0.7, 0.8],
  layers: { neighborhoods: false, merchants: false, wifi: false, streets: false, hexagons: false },
  hexMetric: 'merchants',
  selectedWardId: null,
  view: 'map',
  dataVersion: null,
};

type Listener = (state: AppState, previous: AppState) => void;

export class Store {
  private listeners = new Set<Listener>();

  constructor(private current: AppState) {}

  get state(): AppState {
    return this.current;
  }

  /** Applies a change; listeners run only when something actually changed. */
  update(change: Partial<AppState> | ((state: AppState) => Partial<AppState>)): void {
    const patch = typeof change === 'function' ? change(this.current) : change;
    const next = { ...this.current, ...patch };
    const changed = (Object.keys(patch) as (keyof AppState)[]).some((key) => next[key] !== this.current[key]);
    if (!changed) return;
    const previous = this.current;
    this.current = next;
    for (const listener of this.listeners) listener(next, previous);
  }

  /** Calls the listener now and after every change of one of the given keys. */
  watch(keys: readonly (keyof AppState)[], listener: Listener): () => void {
    const wrapped: Listener = (state, previous) => {
      if (keys.some((key) => state[key] !== previous[key])) listener(state, previous);
    };
    this.listeners.add(wrapped);
    listener(this.current, this.current);
    return () => this.listeners.delete(wrapped);
  }

  toggleLayer(layer: LayerName, on?: boolean): void {
    this.update((s) => ({ layers: { ...s.layers, [layer]: on ?? !s.layers[layer] } }));
  }

  /** Steps the month forward, wrapping to the first month at the end (used by play). */
  nextMonth(): void {
    this.update((s) => {
      if (s.months.length === 0) return {};
      const index = s.month ? s.months.indexOf(s.month) : -1;
      return { month: s.months[(index + 1) % s.months.length] ?? null };
    });
  }
}

/** Months from "from" to "to" inclusive, as "YYYY-MM". */
export function monthRange(from: string, to: string): string[] {
  const [fy, fm] = from.split('-').map(Number) as [number, number];
  const [ty, tm] = to.split('-').map(Number) as [number, number];
  const months: string[] = [];
  for (let y = fy, m = fm; y < ty || (y === ty && m <= tm); m === 12 ? (y++, (m = 1)) : m++) {
    months.push(`${y}-${String(m).padStart(2, '0')}`);
  }
  return months;
}
