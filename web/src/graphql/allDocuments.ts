import * as documents from './documents';

/** Every exported document, with months filled in where it takes them (for tests and the schema check). */
export function allDocuments(): [string, string][] {
  return Object.entries(documents)
    .filter(([name]) => name.endsWith('Query'))
    .map(([name, d]) => [name, typeof d === 'function' ? (d as (...months: string[]) => string)('2022-06', '2022-01', '2024-12') : d]);
}
