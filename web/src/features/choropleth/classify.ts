/**
 * Class breaks for the choropleth. A break list [b1 … bk-1] (ascending) splits values into k classes:
 * class 0 is value < b1, class i is b_i ≤ value < b_{i+1}, the last is value ≥ b_{k-1}.
 */
export type Classing = 'target' | 'quantile' | 'equal' | 'jenks' | 'manual';

export const classings: readonly Classing[] = ['target', 'quantile', 'equal', 'jenks', 'manual'];

export interface ClassingOptions {
  method: Classing;
  /** Wanted number of classes (2–9); fewer come out when the data has fewer distinct values. */
  count: number;
  /** The target that applies, as a fraction; "around target" centres its classes on it. */
  target: number | null;
  /** Thresholds for manual classing, as fractions. */
  manual?: readonly number[];
}

export function computeBreaks(values: readonly number[], options: ClassingOptions): number[] {
  const data = values.filter(Number.isFinite).slice().sort((a, b) => a - b);
  const k = Math.max(2, Math.min(9, Math.round(options.count)));
  switch (options.method) {
    case 'manual':
      return uniqueSorted(options.manual ?? []);
    case 'target':
      return aroundTarget(data, k, options.target ?? median(data));
    case 'quantile':
      return data.length === 0 ? [] : quantileBreaks(data, k);
    case 'equal':
      return data.length === 0 ? [] : equalBreaks(data, k);
    case 'jenks':
      return data.length === 0 ? [] : jenksBreaks(evenSample(data, jenksSampleSize), k);
  }
}

/** Jenks is O(k·n²): past this many values (national scale) it runs on an even sample of the sorted values. */
export const jenksSampleSize = 1000;

/** At most n values spread evenly over a sorted list, keeping both ends, so the breaks stay representative. */
export function evenSample(sorted: readonly number[], n: number): number[] {
  if (sorted.length <= n) return [...sorted];
  return Array.from({ length: n }, (_, i) => sorted[Math.round((i * (sorted.length - 1)) / (n - 1))]!);
}

/** Index of the class a value falls in, for a break list from computeBreaks. */
export function classIndex(value: number, breaks: readonly number[]): number {
  let i = 0;
  while (i < breaks.length && value >= breaks[i]!) i++;
  return i;
}

/** How many values fall in each of the breaks.length + 1 classes. */
export function classCounts(values: readonly number[], breaks: readonly number[]): number[] {
  const counts = new Array<number>(breaks.length + 1).fill(0);
  for (const v of values) if (Number.isFinite(v)) counts[classIndex(v, breaks)]!++;
  return counts;
}

/** Classes in steps of a round width (1, 2, 2.5, 5, 10 … points) with the target as a break. */
function aroundTarget(data: readonly number[], k: number, target: number): number[] {
  const below = Math.floor(k / 2);
  const above = k - below;
  const reach = data.length === 0 ? 0.05 : Math.max(target - data[0]!, data[data.length - 1]! - target, 0.005);
  const step = niceStep(reach / Math.max(below, above - 1, 1));
  const breaks: number[] = [];
  for (let j = -(below - 1); j <= above - 1; j++) breaks.push(round(target + j * step));
  // Rates live in [0, 1]: a break outside would only make an empty class.
  return breaks.filter((b) => b > 0 && b < 1);
}

function niceStep(raw: number): number {
  const candidates = [0.005, 0.01, 0.02, 0.025, 0.03, 0.04, 0.05, 0.075, 0.1, 0.15, 0.2, 0.25];
  return candidates.find((c) => c >= raw) ?? 0.25;
}

function quantileBreaks(sorted: readonly number[], k: number): number[] {
  const breaks: number[] = [];
  for (let i = 1; i < k; i++) {
    const position = (i * sorted.length) / k;
    const index = Math.min(sorted.length - 1, Math.ceil(position));
    breaks.push(sorted[index]!);
  }
  return uniqueSorted(breaks).filter((b) => b > sorted[0]!);
}

function equalBreaks(sorted: readonly number[], k: number): number[] {
  const min = sorted[0]!;
  const max = sorted[sorted.length - 1]!;
  if (max === min) return [];
  return Array.from({ length: k - 1 }, (_, i) => round(min + ((max - min) * (i + 1)) / k));
}

/**
 * Jenks natural breaks (Fisher's exact optimisation, O(k·n²)): minimises the within-class sum of squared
 * deviations. Returns the lowest value of each class after the first.
 */
export function jenksBreaks(sorted: readonly number[], k: number): number[] {
  const n = sorted.length;
  const classes = Math.min(k, new Set(sorted).size);
  if (classes < 2) return [];
  // lower[i][j]: index (1-based) where the last class starts in the best split of the first i values into j classes.
  const lower: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(classes + 1).fill(0));
  const variance: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(classes + 1).fill(Infinity));
  for (let j = 1; j <= classes; j++) {
    lower[1]![j] = 1;
    variance[1]![j] = 0;
  }
  for (let i = 2; i <= n; i++) {
    let sum = 0;
    let sumSquares = 0;
    let w = 0;
    for (let m = 1; m <= i; m++) {
      const start = i - m + 1;
      const value = sorted[start - 1]!;
      w++;
      sum += value;
      sumSquares += value * value;
      const v = sumSquares - (sum * sum) / w;
      if (start > 1) {
        for (let j = 2; j <= classes; j++) {
          const candidate = v + variance[start - 1]![j - 1]!;
          if (candidate <= variance[i]![j]!) {
            lower[i]![j] = start;
            variance[i]![j] = candidate;
          }
        }
      }
    }
    lower[i]![1] = 1;
    variance[i]![1] = sumSquares - (sum * sum) / w;
  }
  const breaks: number[] = [];
  let end = n;
  for (let j = classes; j >= 2; j--) {
    const start = lower[end]![j]!;
    breaks.unshift(sorted[start - 1]!);
    end = start - 1;
  }
  return uniqueSorted(breaks);
}

function median(sorted: readonly number[]): number {
  if (sorted.length === 0) return 0.5;
  return sorted[Math.floor(sorted.length / 2)]!;
}

function uniqueSorted(values: readonly number[]): number[] {
  return [...new Set(values.filter(Number.isFinite))].sort((a, b) => a - b);
}

function round(value: number): number {
  return Math.round(value * 1e9) / 1e9;
}
