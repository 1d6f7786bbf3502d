import { describe, expect, it } from "vitest";
import { discloseAmount, discloseCount, protectTable, SECRET_LABEL, SUPPRESSED_LABEL, topShare, verdictText, type Cell, type Table, type Verdict } from "./disclosure";

const n = (value: number, companies = value): Cell => ({ value, companies });
/** A verdict as a short string: the value, "P" (primary) or "C" (complementary). */
const code = (v: Verdict | undefined) => (v === undefined ? "-" : v.shown ? String(v.value) : v.reason === "primary" ? "P" : v.reason === "complementary" ? "C" : "D");

function view(table: Table) {
  const out = protectTable(table);
  return {
    cells: out.cells.map((r) => r.map(code)),
    rowTotals: out.rowTotals?.map(code),
    columnTotals: out.columnTotals?.map(code),
    grandTotal: code(out.grandTotal),
  };
}

/** No published equation (row or column with its total) has exactly one hidden member. */
function noEquationWithOneUnknown(table: Table) {
  const out = protectTable(table);
  const rows = table.cells.length;
  const cols = table.cells[0]?.length ?? 0;
  const hidden = (v: Verdict | undefined) => v !== undefined && !v.shown;
  for (let r = 0; r < rows; r++) {
    if (!out.rowTotals) break;
    const count = out.cells[r]!.filter(hidden).length + Number(hidden(out.rowTotals[r]));
    expect(count, `row ${r}`).not.toBe(1);
  }
  for (let c = 0; c < cols; c++) {
    if (!out.columnTotals) break;
    const count = out.cells.filter((line) => hidden(line[c])).length + Number(hidden(out.columnTotals[c]));
    expect(count, `column ${c}`).not.toBe(1);
  }
  if (out.rowTotals && out.grandTotal) expect(out.rowTotals.filter(hidden).length + Number(hidden(out.grandTotal))).not.toBe(1);
  if (out.columnTotals && out.grandTotal) expect(out.columnTotals.filter(hidden).length + Number(hidden(out.grandTotal))).not.toBe(1);
}

describe("primary suppression of counts", () => {
  it.each([
    [0, 0, false],
    [1, 1, false],
    [4, 4, false],
    [5, 5, true],
    [12, 12, true],
    // 40 needs posted by 3 buyers: still fewer than five companies behind the figure
    [40, 3, false],
    [6, 5, true],
  ])("%i with %i companies → shown: %s", (value, companies, shown) => {
    expect(discloseCount({ value, companies }).shown).toBe(shown);
  });

  it("shows '< 5' for a small cell and the value otherwise", () => {
    expect(verdictText(discloseCount(n(3)), String)).toBe(SUPPRESSED_LABEL);
    expect(verdictText(discloseCount(n(7)), String)).toBe("7");
  });
});

describe("amounts: five companies at least, none above 85 %", () => {
  it.each([
    ["four companies", { value: 100_000, companies: 4, topShare: 0.3 }, "P"],
    ["five companies, balanced", { value: 100_000, companies: 5, topShare: 0.2 }, "100000"],
    ["five companies, one at 85 % exactly", { value: 100_000, companies: 5, topShare: 0.85 }, "100000"],
    ["five companies, one at 86 %", { value: 100_000, companies: 5, topShare: 0.86 }, "D"],
    ["fifty companies, one at 90 %", { value: 1_000_000, companies: 50, topShare: 0.9 }, "D"],
  ])("%s", (_label, cell, expected) => {
    expect(code(discloseAmount(cell))).toBe(expected);
  });

  it("the dominated amount reads 'secret', not a value", () => {
    expect(verdictText(discloseAmount({ value: 1, companies: 9, topShare: 0.99 }), String)).toBe(SECRET_LABEL);
  });

  it.each([
    [[], 0],
    [[10], 1],
    [[50, 25, 25], 0.5],
    [[90, 2, 2, 2, 2, 2], 0.9],
  ])("topShare(%j) = %f", (contributions, expected) => {
    expect(topShare(contributions)).toBeCloseTo(expected);
  });
});

describe("complementary suppression", () => {
  const cases: [string, Table, ReturnType<typeof view>][] = [
    [
      "nothing small: nothing hidden",
      { cells: [[n(6)], [n(9)]], columnTotals: [n(15)] },
      { cells: [["6"], ["9"]], rowTotals: undefined, columnTotals: ["15"], grandTotal: "-" },
    ],
    [
      "one small cell in a column with its total: the smallest other cell is hidden too",
      { cells: [[n(3)], [n(12)], [n(7)], [n(20)]], columnTotals: [n(42)] },
      { cells: [["P"], ["12"], ["C"], ["20"]], rowTotals: undefined, columnTotals: ["42"], grandTotal: "-" },
    ],
    [
      "two small cells already protect each other",
      { cells: [[n(3)], [n(2)], [n(20)]], columnTotals: [n(25)] },
      { cells: [["P"], ["P"], ["20"]], rowTotals: undefined, columnTotals: ["25"], grandTotal: "-" },
    ],
    [
      "without a published total there is nothing to subtract from",
      { cells: [[n(3)], [n(12)]] },
      { cells: [["P"], ["12"]], rowTotals: undefined, columnTotals: undefined, grandTotal: "-" },
    ],
    [
      "a small total with one big cell: the cell is hidden with it",
      { cells: [[n(4)], [n(0)]], columnTotals: [n(4)] },
      { cells: [["P"], ["P"]], rowTotals: undefined, columnTotals: ["P"], grandTotal: "-" },
    ],
    [
      "a small cell whose only partner is the total: the total is hidden",
      { cells: [[n(3)], [n(30)]], columnTotals: [n(33)] },
      { cells: [["P"], ["C"]], rowTotals: undefined, columnTotals: ["33"], grandTotal: "-" },
    ],
    [
      "two-way table: the complement in the row spreads to the columns",
      {
        cells: [
          [n(2), n(10), n(8)],
          [n(9), n(11), n(6)],
          [n(7), n(30), n(12)],
        ],
        rowTotals: [n(20), n(26), n(49)],
        columnTotals: [n(18), n(51), n(26)],
        grandTotal: n(95),
      },
      {
        cells: [
          ["P", "10", "C"],
          ["9", "11", "6"],
          ["C", "30", "C"],
        ],
        rowTotals: ["20", "26", "49"],
        columnTotals: ["18", "51", "26"],
        grandTotal: "95",
      },
    ],
  ];

  it.each(cases)("%s", (_label, table, expected) => {
    expect(view(table)).toEqual(expected);
    noEquationWithOneUnknown(table);
  });

  it("a complementary cell reads 'secret' (it is not small)", () => {
    const out = protectTable({ cells: [[n(3)], [n(12)], [n(7)]], columnTotals: [n(22)] });
    expect(out.cells.map(([v]) => verdictText(v!, String))).toEqual([SUPPRESSED_LABEL, "12", SECRET_LABEL]);
  });

  it("holds on many random tables: no equation is left with a single hidden member", () => {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31), seed / 2 ** 31);
    for (let t = 0; t < 200; t++) {
      const rows = 1 + Math.floor(random() * 5);
      const cols = 1 + Math.floor(random() * 4);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => n(Math.floor(random() * 14))));
      const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
      const rowTotals = cells.map((r) => n(sum(r.map((c) => c.value))));
      const columnTotals = Array.from({ length: cols }, (_, c) => n(sum(cells.map((r) => r[c]!.value))));
      const table: Table = { cells, rowTotals, columnTotals, grandTotal: n(sum(rowTotals.map((c) => c.value))) };
      noEquationWithOneUnknown(table);
      const out = protectTable(table);
      // every primary-sensitive cell stays hidden
      cells.forEach((r, i) => r.forEach((c, j) => c.companies < 5 && expect(out.cells[i]![j]!.shown).toBe(false)));
    }
  });
});
