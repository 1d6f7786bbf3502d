import { parse } from "csv-parse/sync";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { csvCell, toCsv } from "./csv-write";

describe("csvCell", () => {
  it.each([
    ["simple", "simple"],
    ["a,b", '"a,b"'],
    ['il a dit "oui"', '"il a dit ""oui"""'],
    ["ligne 1\nligne 2", '"ligne 1\nligne 2"'],
    ["retour\r", '"retour\r"'],
    ["", ""],
    [null, ""],
    [undefined, ""],
    [42, "42"],
    [3.5, "3.5"],
    [Number.NaN, ""],
  ])("%j → %j", (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it("quotes on the chosen delimiter only", () => {
    expect(csvCell("a;b", { delimiter: ";" })).toBe('"a;b"');
    expect(csvCell("a,b", { delimiter: ";" })).toBe("a,b");
  });

  it("neutralizes formulas on demand", () => {
    expect(csvCell("=1+1", { neutralizeFormulas: true })).toBe("'=1+1");
    expect(csvCell("=1+1")).toBe("=1+1");
    expect(csvCell(-5, { neutralizeFormulas: true })).toBe("-5");
  });
});

describe("toCsv", () => {
  it("writes header and rows with CRLF", () => {
    expect(toCsv(["a", "b"], [[1, "x,y"], [null, "z"]])).toBe('a,b\r\n1,"x,y"\r\n,z\r\n');
  });
  it("adds a BOM and uses ; on demand", () => {
    expect(toCsv(["a", "b"], [["é", "1;2"]], { delimiter: ";", bom: true })).toBe('\uFEFFa;b\r\né;"1;2"\r\n');
  });

  it("round-trips through a CSV parser", () => {
    const cell = fc.oneof(fc.string(), fc.constantFrom('"', ",", ";", "\n", "\r\n", " a ", "é"));
    fc.assert(
      fc.property(
        fc.constantFrom<"," | ";">(",", ";"),
        fc.array(fc.array(cell, { minLength: 3, maxLength: 3 }), { maxLength: 8 }),
        (delimiter, rows) => {
          const text = toCsv(["x", "y", "z"], rows, { delimiter });
          const parsed: string[][] = parse(text, { delimiter, relax_column_count: false });
          expect(parsed).toEqual([["x", "y", "z"], ...rows]);
        },
      ),
    );
  });
});
