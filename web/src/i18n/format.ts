/** Number and date formatting with explicit cultures: vi-VN for people, never the machine's locale. */
export type Locale = 'vi' | 'en';

const cultures: Record<Locale, string> = { vi: 'vi-VN', en: 'en-GB' };
const NBSP = '\u00a0';

const cache = new Map<string, Intl.NumberFormat>();
function numberFormat(locale: Locale, digits: number): Intl.NumberFormat {
  const key = `${locale}:${digits}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.NumberFormat(cultures[locale], { minimumFractionDigits: digits, maximumFractionDigits: digits });
    cache.set(key, format);
  }
  return format;
}

/** Whole numbers with the culture's grouping: vi "143.674", en "143,674". */
export function formatCount(value: number | null | undefined, locale: Locale): string {
  return value == null || !Number.isFinite(value) ? '–' : numberFormat(locale, 0).format(value);
}

/** A fraction (0.887) as a percentage with two decimals and a spaced sign: vi "88,70 %", en "88.70 %". */
export function formatPercent(fraction: number | null | undefined, locale: Locale, digits = 2): string {
  if (fraction == null || !Number.isFinite(fraction)) return '–';
  return `${numberFormat(locale, digits).format(fraction * 100)}${NBSP}%`;
}

/** A difference of two rates in percentage points, always signed: "−4,68 điểm %" / "+4.68 pp". */
export function formatPoints(difference: number | null | undefined, locale: Locale): string {
  if (difference == null || !Number.isFinite(difference)) return '–';
  const points = Math.round(difference * 10000) / 100;
  const sign = points > 0 ? '+' : points < 0 ? '\u2212' : '±';
  const unit = locale === 'vi' ? 'điểm' + NBSP + '%' : 'pp';
  return `${sign}${numberFormat(locale, 2).format(Math.abs(points))}${NBSP}${unit}`;
}

/** "YYYY-MM" → "06/2022" (vi) or "Jun 2022" (en). */
export function formatMonth(month: string, locale: Locale): string {
  const [y, m] = month.split('-').map(Number);
  if (!y || !m) return month;
  if (locale === 'vi') return `${String(m).padStart(2, '0')}/${y}`;
  return new Intl.DateTimeFormat(cultures.en, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(Date.UTC(y, m - 1, 1));
}

/** A timestamp in the city's time zone (Asia/Ho_Chi_Minh), e.g. "29/11/2026 11:30". */
export function formatDateTime(iso: string, locale: Locale): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat(cultures[locale], {
    day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit',
    hour12: false, timeZone: 'Asia/Ho_Chi_Minh',
  }).format(date);
}

/**
 * Parses a number typed by a person: vi "65,5" or en "65.5"; thousands separators are not accepted here
 * because breaks are percentages. Returns null when the text is not a number.
 */
export function parseDecimal(text: string, locale: Locale): number | null {
  const trimmed = text.trim().replace('%', '').trim();
  if (trimmed === '') return null;
  const normalised = locale === 'vi' ? trimmed.replace(',', '.') : trimmed;
  if (!/^[-+]?\d+(\.\d+)?$/.test(normalised)) return null;
  return Number(normalised);
}
