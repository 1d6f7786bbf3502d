import { describe, expect, it } from "vitest";
import { packCounts, parseTsvector, unpackCounts } from "./tsvector";

describe("parseTsvector", () => {
  it("counts the occurrences of each lexeme per weight", () => {
    expect(parseTsvector("'maraichag':1A,5A,16B 'restaur':59C 'saint':80")).toEqual([
      { lexeme: "maraichag", packed: packCounts(2, 1, 0) },
      { lexeme: "restaur", packed: packCounts(0, 0, 1) },
      { lexeme: "saint", packed: packCounts(0, 0, 1) },
    ]);
  });

  it("reads lexemes with doubled quotes, hyphens, dots and no positions", () => {
    expect(parseTsvector("'saint-den':1 'l''atelier':2B,3B 'www.ex.org' '12':7").map((t) => [t.lexeme, unpackCounts(t.packed)])).toEqual([
      ["saint-den", { a: 0, b: 0, c: 1 }],
      ["l'atelier", { a: 0, b: 2, c: 0 }],
      ["www.ex.org", { a: 0, b: 0, c: 1 }],
      ["12", { a: 0, b: 0, c: 1 }],
    ]);
  });

  it("returns nothing for an empty vector", () => {
    expect(parseTsvector("")).toEqual([]);
  });

  it("caps each count at 255 so the three fit in one number", () => {
    expect(unpackCounts(packCounts(300, 2, 255))).toEqual({ a: 255, b: 2, c: 255 });
  });
});
