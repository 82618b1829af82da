/**
 * CSV of the table on screen. Cells that a spreadsheet would run as a formula (starting with = + - @, tab
 * or carriage return) are neutralised with a leading apostrophe; plain numbers are left alone so they stay
 * numbers. Numbers are written invariant (dot decimals) for machines.
 */
export type Cell = string | number | null | undefined;

export function neutralise(text: string): string {
  if (/^-?\d+(\.\d+)?$/.test(text)) return text;
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}

export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const line = (cells: readonly Cell[]) => cells.map((cell) => {
    const text = neutralise(cell == null ? '' : typeof cell === 'number' ? (Number.isFinite(cell) ? String(cell) : '') : cell);
    return /[",\n\r;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  }).join(',');
  // BOM so spreadsheet programs read the Vietnamese letters as UTF-8.
  return '\ufeff' + [header, ...rows].map(line).join('\r\n') + '\r\n';
}

export function download(filename: string, content: Blob | string, type = 'text/csv;charset=utf-8'): void {
  const blob = typeof content === 'string' ? new Blob([content], { type }) : content;
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
