// A small RFC 4180 writer for every CSV the app produces (exports, rejected import rows).

export type CsvCell = string | number | null | undefined;

export interface CsvWriteOptions {
  /** ";" for spreadsheets set to French locale, which expect it. Default ",". */
  delimiter?: "," | ";";
  /** Prefix a UTF-8 byte order mark so Excel reads accents correctly. Default false. */
  bom?: boolean;
  /**
   * Prefix text cells starting with = + - @ (or tab/CR) with an apostrophe so a
   * spreadsheet does not run them as formulas (CSV injection). Off by default because
   * it alters values (e.g. "+33 6…"); turn it on for files built from user input
   * and meant to be opened in a spreadsheet.
   */
  neutralizeFormulas?: boolean;
}

const FORMULA_START = /^[=+\-@\t\r]/;

export function csvCell(value: CsvCell, options: CsvWriteOptions = {}): string {
  if (value === null || value === undefined) return "";
  let text = typeof value === "number" ? (Number.isFinite(value) ? String(value) : "") : value;
  if (options.neutralizeFormulas && typeof value === "string" && FORMULA_START.test(text)) {
    text = `'${text}`;
  }
  const delimiter = options.delimiter ?? ",";
  const mustQuote =
    text.includes(delimiter) || text.includes('"') || text.includes("\n") || text.includes("\r");
  return mustQuote ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Header + rows, CRLF line endings (RFC 4180), one trailing CRLF. */
export function toCsv(header: string[], rows: CsvCell[][], options: CsvWriteOptions = {}): string {
  const delimiter = options.delimiter ?? ",";
  const line = (cells: CsvCell[]) => cells.map((c) => csvCell(c, options)).join(delimiter);
  const body = [line(header), ...rows.map(line)].join("\r\n") + "\r\n";
  return options.bom ? `\uFEFF${body}` : body;
}
