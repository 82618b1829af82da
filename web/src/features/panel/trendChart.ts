/** A small inline-SVG line chart of a ward's monthly rate, with the target as a dashed line. */
import type { TrendPoint } from '../../graphql/types';
import { formatMonth, formatPercent, type Locale } from '../../i18n/format';

const svgNs = 'http://www.w3.org/2000/svg';

export interface ChartGeometry {
  points: { x: number; y: number; month: string; rate: number }[];
  targetY: number | null;
  yMin: number;
  yMax: number;
}

/** Scales the series into a width×height box (pure, so it is unit-tested). */
export function chartGeometry(trend: readonly TrendPoint[], target: number | null, width: number, height: number, pad = 24, padLeft = 40): ChartGeometry {
  const known = trend.filter((p): p is { month: string; rate: number } => p.rate != null);
  const values = [...known.map((p) => p.rate), ...(target != null ? [target] : [])];
  let yMin = values.length ? Math.min(...values) : 0;
  let yMax = values.length ? Math.max(...values) : 1;
  if (yMax - yMin < 0.02) { yMin -= 0.01; yMax += 0.01; }
  const span = trend.length > 1 ? trend.length - 1 : 1;
  const x = (i: number) => padLeft + ((width - padLeft - pad) * i) / span;
  const y = (v: number) => height - pad - ((height - 2 * pad) * (v - yMin)) / (yMax - yMin);
  const points = trend.flatMap((p, i) => (p.rate == null ? [] : [{ x: x(i), y: y(p.rate), month: p.month, rate: p.rate }]));
  return { points, targetY: target != null ? y(target) : null, yMin, yMax };
}

export function trendChart(trend: readonly TrendPoint[], target: number | null, selectedMonth: string | null, locale: Locale): SVGSVGElement {
  const width = 320;
  const height = 140;
  const g = chartGeometry(trend, target, width, height);
  const svg = document.createElementNS(svgNs, 'svg');
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  svg.setAttribute('class', 'trend-chart');
  svg.setAttribute('role', 'img');
  const el = (name: string, attrs: Record<string, string | number>, text?: string) => {
    const node = document.createElementNS(svgNs, name);
    for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
    if (text) node.textContent = text;
    svg.appendChild(node);
    return node;
  };
  el('text', { x: 2, y: 28, class: 'axis' }, formatPercent(g.yMax, locale, 0));
  el('text', { x: 2, y: height - 22, class: 'axis' }, formatPercent(g.yMin, locale, 0));
  if (g.targetY != null) el('line', { x1: 40, x2: width - 24, y1: g.targetY, y2: g.targetY, class: 'target-line' });
  if (g.points.length > 0) {
    el('polyline', { points: g.points.map((p) => `${p.x.toFixed(1)},${p.y.toFixed(1)}`).join(' '), class: 'series' });
    for (const p of g.points) {
      const dot = el('circle', { cx: p.x, cy: p.y, r: p.month === selectedMonth ? 4.5 : 2.5, class: p.month === selectedMonth ? 'dot selected' : 'dot' });
      const title = document.createElementNS(svgNs, 'title');
      title.textContent = `${formatMonth(p.month, locale)}: ${formatPercent(p.rate, locale)}`;
      dot.appendChild(title);
    }
    const first = g.points[0]!;
    const last = g.points[g.points.length - 1]!;
    el('text', { x: first.x, y: height - 4, class: 'axis', 'text-anchor': 'start' }, formatMonth(first.month, locale));
    if (last !== first) el('text', { x: last.x, y: height - 4, class: 'axis', 'text-anchor': 'end' }, formatMonth(last.month, locale));
  }
  return svg;
}
