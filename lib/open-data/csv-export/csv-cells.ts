/**
 * CSV (RFC 4180) rows for spreadsheets. A cell is quoted when it holds a comma, quote or line break,
 * or starts or ends with a space; quotes inside are doubled.
 *
 * Formula injection: spreadsheet programs run a cell that starts with `=`, `+`, `-` or `@` as a
 * formula (and some treat a leading tab or carriage return the same way), so a title such as
 * `=HYPERLINK("https://evil.example","Click")` would become a live link or worse in the council
 * officer's Excel. Such cells get a leading `'`, which makes the spreadsheet show them as text
 * (OWASP's advice). Safe to import anywhere.
 */

const formulaStart = /^[=+\-@\t\r]/;

export function csvCell(value: string): string {
  const inert = formulaStart.test(value) ? `'${value}` : value;
  return /[",\r\n]|^\s|\s$/.test(inert) ? `"${inert.replace(/"/g, '""')}"` : inert;
}

/** One row, ending in CRLF as RFC 4180 says. */
export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(',')}\r\n`;
}
