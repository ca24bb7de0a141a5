/** Byte order mark: without it Excel reads UTF-8 as the local code page and Chinese names come out garbled. */
const BOM = '\uFEFF';

type Cell = string | number | null | undefined;

/**
 * One CSV field: quoted when it holds a comma, quote or line break; a leading = + - @ (a formula to a spreadsheet)
 * is defused with an apostrophe, since students choose their own names and titles.
 */
function field(value: Cell): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV document (RFC 4180, CRLF line ends) with a header row, ready for Excel. */
export function toCsv(header: string[], rows: Cell[][]): string {
  return BOM + [header, ...rows].map((row) => row.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Micro-dollars as dollars with all six decimals, so a column sums to the exact total. */
export function dollars(micros: number): string {
  const sign = micros < 0 ? '-' : '';
  const abs = Math.abs(micros);
  return `${sign}${Math.floor(abs / 1_000_000)}.${String(abs % 1_000_000).padStart(6, '0')}`;
}

/** A file name part from a class name: letters and digits of any script, dashes between. */
export function slug(text: string): string {
  return text.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '') || 'class';
}
