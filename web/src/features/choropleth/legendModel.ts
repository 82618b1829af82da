import { classColors } from './colors';
import { classCounts, computeBreaks, type ClassingOptions } from './classify';

export interface LegendClass {
  from: number | null; // null: open below
  to: number | null; // null: open above
  color: string;
  count: number;
}

export interface LegendModel {
  classes: LegendClass[];
  breaks: number[];
  target: number | null;
  noData: number;
}

/** Classes, colours and counts for a set of values (null = no figure), ready for the map and the legend. */
export function buildLegend(values: readonly (number | null)[], options: ClassingOptions): LegendModel {
  const numbers = values.filter((v): v is number => v != null && Number.isFinite(v));
  const breaks = computeBreaks(numbers, options);
  const domain: [number, number] = numbers.length
    ? [Math.min(...numbers), Math.max(...numbers)]
    : [options.target ?? 0, options.target ?? 1];
  const colors = classColors(breaks, options.target, domain);
  const counts = classCounts(numbers, breaks);
  const classes = colors.map((color, i) => ({
    from: i === 0 ? null : breaks[i - 1]!,
    to: i === breaks.length ? null : breaks[i]!,
    color,
    count: counts[i] ?? 0,
  }));
  return { classes, breaks, target: options.target, noData: values.length - numbers.length };
}
