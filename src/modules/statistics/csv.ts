import { stringify } from 'csv-stringify/sync';

/**
 * A cell a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) is
 * prefixed with an apostrophe, so opening an export can never execute anything.
 */
export const formulaSafe = (value: string) => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** CSV for spreadsheets: UTF-8 with a byte-order mark (Excel reads the accents), CRLF, every cell formula-safe. */
export function spreadsheetCsv(header: string[], rows: string[][]): string {
  return `\uFEFF${stringify(
    [header, ...rows].map((row) => row.map(formulaSafe)),
    { record_delimiter: '\r\n' },
  )}`;
}
