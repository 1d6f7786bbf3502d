// Statistical disclosure control of the public observatory (ADR 0009). Pure: the figures service
// computes cells with the number of companies behind each; this module decides what may be shown.
//
// 1. Primary suppression: a count resting on fewer than MIN_COMPANIES distinct companies is hidden.
// 2. Complementary suppression: in a table whose cells add up to published totals, a hidden cell
//    must not be recoverable by subtraction, so no row or column equation (cells + total) may have
//    exactly one hidden member; the smallest other member is hidden too, until none has.
// 3. Dominance: an amount is shown only when it aggregates ≥ MIN_COMPANIES distinct companies and
//    no single company accounts for more than DOMINANCE_SHARE of it.

export const MIN_COMPANIES = 5;
export const DOMINANCE_SHARE = 0.85;
/** What a cell resting on fewer than five companies shows instead of its value. */
export const SUPPRESSED_LABEL = "< 5";
/** What a cell hidden to protect another one (or a dominated amount) shows: it is not small. */
export const SECRET_LABEL = "secret";

/** A figure and the number of distinct companies it rests on. */
export type Cell = { value: number; companies: number };
/** An amount, the distinct companies it aggregates, and the largest single company's part of it (0..1). */
export type AmountCell = { value: number; companies: number; topShare: number };

export type Verdict = { shown: true; value: number } | { shown: false; reason: "primary" | "complementary" | "dominance" };

/** Whether a count is too small to be shown (fewer than five companies, zero included). */
export function isSensitive(cell: Cell): boolean {
  return cell.companies < MIN_COMPANIES;
}

/** A single count with no total to protect. */
export function discloseCount(cell: Cell): Verdict {
  return isSensitive(cell) ? { shown: false, reason: "primary" } : { shown: true, value: cell.value };
}

/** An amount: five companies at least, none above 85 % of it. */
export function discloseAmount(cell: AmountCell): Verdict {
  if (cell.companies < MIN_COMPANIES) return { shown: false, reason: "primary" };
  if (cell.topShare > DOMINANCE_SHARE) return { shown: false, reason: "dominance" };
  return { shown: true, value: cell.value };
}

/**
 * The part of the largest contributor in a total, from each company's contribution (0 when empty).
 * Contributions are per company: several contracts of one company are added up first.
 */
export function topShare(contributions: Iterable<number>): number {
  let total = 0;
  let top = 0;
  for (const c of contributions) {
    total += c;
    if (c > top) top = c;
  }
  return total > 0 ? top / total : 0;
}

/**
 * An additive table: `cells[r][c]`, and optionally the totals of each row, of each column and the
 * grand total (the sums of the cells, published beside them). Absent totals are not published,
 * so they give no equation.
 */
export type Table = { cells: Cell[][]; rowTotals?: Cell[]; columnTotals?: Cell[]; grandTotal?: Cell };

export type ProtectedTable = { cells: Verdict[][]; rowTotals?: Verdict[]; columnTotals?: Verdict[]; grandTotal?: Verdict };

type Member = { r: number; c: number };

/**
 * Applies primary then complementary suppression to an additive table. Each published equation —
 * a row's cells and its total, a column's cells and its total, the row totals (or the column
 * totals) and the grand total — ends with either zero or at least two hidden members. The
 * complement chosen is, among the published members of the equation: a cell before a total, then
 * one that also closes a crossing equation left with a single hidden member, then the smallest,
 * so that little is hidden (a heuristic, not an optimum). Deterministic: ties go to reading order.
 */
export function protectTable(table: Table): ProtectedTable {
  const rows = table.cells.length;
  const cols = rows ? Math.max(...table.cells.map((r) => r.length)) : table.columnTotals?.length ?? 0;
  // The extended grid: cells, then the row totals in column `cols`, the column totals in row
  // `rows`, the grand total at (rows, cols). Undefined = not published.
  const grid: (Cell | undefined)[][] = [];
  for (let r = 0; r <= rows; r++) {
    grid.push([]);
    for (let c = 0; c <= cols; c++) {
      grid[r]![c] =
        r < rows && c < cols ? table.cells[r]![c] : r < rows ? table.rowTotals?.[r] : c < cols ? table.columnTotals?.[c] : table.grandTotal;
    }
  }
  const hidden: ("primary" | "complementary" | null)[][] = grid.map((line) => line.map((cell) => (cell && isSensitive(cell) ? "primary" : null)));

  const equations: Member[][] = [];
  for (let r = 0; r <= rows; r++) {
    if (!grid[r]![cols]) continue; // no total for this row: nothing to subtract from
    equations.push(Array.from({ length: cols + 1 }, (_, c) => ({ r, c })));
  }
  for (let c = 0; c <= cols; c++) {
    if (!grid[rows]![c]) continue;
    equations.push(Array.from({ length: rows + 1 }, (_, r) => ({ r, c })));
  }

  let changed = true;
  while (changed) {
    changed = false;
    for (const equation of equations) {
      const present = equation.filter((m) => grid[m.r]![m.c]);
      const hiddenCount = present.filter((m) => hidden[m.r]![m.c]).length;
      if (hiddenCount !== 1) continue;
      const candidates = present.filter((m) => !hidden[m.r]![m.c]);
      if (!candidates.length) continue;
      const isTotal = (m: Member) => m.r === rows || m.c === cols;
      // A candidate whose crossing equation also has a single hidden member protects both at once.
      const closes = (m: Member) =>
        equations.filter((e) => e !== equation && e.some((x) => x.r === m.r && x.c === m.c) && e.filter((x) => grid[x.r]![x.c] && hidden[x.r]![x.c]).length === 1).length;
      candidates.sort((a, b) => Number(isTotal(a)) - Number(isTotal(b)) || closes(b) - closes(a) || grid[a.r]![a.c]!.value - grid[b.r]![b.c]!.value);
      const pick = candidates[0]!;
      hidden[pick.r]![pick.c] = "complementary";
      changed = true;
    }
  }

  const verdict = (r: number, c: number): Verdict => {
    const reason = hidden[r]![c];
    return reason ? { shown: false, reason } : { shown: true, value: grid[r]![c]!.value };
  };
  return {
    cells: table.cells.map((line, r) => line.map((_, c) => verdict(r, c))),
    rowTotals: table.rowTotals ? table.rowTotals.map((_, r) => verdict(r, cols)) : undefined,
    columnTotals: table.columnTotals ? table.columnTotals.map((_, c) => verdict(rows, c)) : undefined,
    grandTotal: table.grandTotal ? verdict(rows, cols) : undefined,
  };
}

/** The published text of a verdict: the formatted value, "< 5" (too few companies) or "secret" (complement, dominance). */
export function verdictText(verdict: Verdict, format: (value: number) => string): string {
  if (verdict.shown) return format(verdict.value);
  return verdict.reason === "primary" ? SUPPRESSED_LABEL : SECRET_LABEL;
}
