/**
 * Colours for classes. With a target the scale diverges at it: warm (red → yellow) below, green above,
 * so "below target" reads at a glance; without one it is a single-hue blue ramp.
 */
export const noDataColor = '#cfd4da';

const below = ['#b2182b', '#d6604d', '#f4a582', '#fddbc7'] as const; // far → near the target
const above = ['#d9f0d3', '#a6dba0', '#5aae61', '#1b7837'] as const; // near → far above the target
const sequential = ['#eff3ff', '#c6dbef', '#9ecae1', '#6baed6', '#3182bd', '#08519c'] as const;

/** Colour of each class: for k classes (breaks.length + 1), judged by where the class sits against the target. */
export function classColors(breaks: readonly number[], target: number | null, domain: readonly [number, number]): string[] {
  const k = breaks.length + 1;
  const [min, max] = domain;
  const edges = [Math.min(min, breaks[0] ?? min), ...breaks, Math.max(max, breaks[breaks.length - 1] ?? max)];
  const mids = Array.from({ length: k }, (_, i) => (edges[i]! + edges[i + 1]!) / 2);
  if (target == null) return mids.map((_, i) => pick(sequential, k === 1 ? 0.5 : i / (k - 1)));
  // A class sits below when it lies (mostly) under the target; classes are shaded by rank away from it.
  const isBelow = mids.map((mid, i) => mid < target && !(i > 0 && edges[i]! >= target));
  const belowCount = isBelow.filter(Boolean).length;
  const aboveCount = k - belowCount;
  return mids.map((_, i) => {
    if (isBelow[i]) return pick(below, belowCount === 1 ? 0.67 : i / (belowCount - 1));
    const rank = i - belowCount;
    return pick(above, aboveCount === 1 ? 0.67 : rank / (aboveCount - 1));
  });
}

function pick(palette: readonly string[], t: number): string {
  const index = Math.round(Math.max(0, Math.min(1, t)) * (palette.length - 1));
  return palette[index]!;
}

/** Hexagon heatmap ramp: a MapLibre interpolate expression over a property from 0 to max. */
export function heatRamp(property: string, max: number): unknown[] {
  const top = Math.max(max, 1e-9);
  return [
    'interpolate', ['linear'], ['coalesce', ['get', property], 0],
    0, 'rgba(255,255,204,0.15)',
    top * 0.25, '#fed976',
    top * 0.5, '#fd8d3c',
    top * 0.75, '#e31a1c',
    top, '#800026',
  ];
}
