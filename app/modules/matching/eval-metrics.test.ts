import { describe, expect, it } from "vitest";
import { meanOf, ndcgAt, recallAt } from "./eval-metrics";

const grades = new Map([
  ["a", 2],
  ["b", 1],
  ["c", 1],
]);

describe("ndcgAt", () => {
  it.each([
    { name: "ideal order", ranked: ["a", "b", "c"], expected: 1 },
    { name: "nothing relevant retrieved", ranked: ["x", "y"], expected: 0 },
    { name: "empty ranking", ranked: [], expected: 0 },
  ])("$name", ({ ranked, expected }) => {
    expect(ndcgAt(10, ranked, grades)).toBeCloseTo(expected, 9);
  });

  it("penalises a relevant item ranked lower", () => {
    const ideal = 3 + 1 / Math.log2(3) + 1 / Math.log2(4);
    const swapped = 1 + 3 / Math.log2(3) + 1 / Math.log2(4);
    expect(ndcgAt(10, ["b", "a", "c"], grades)).toBeCloseTo(swapped / ideal, 9);
  });

  it("only looks at the first k", () => {
    expect(ndcgAt(1, ["x", "a"], grades)).toBe(0);
  });

  it("does not credit a duplicated id twice", () => {
    expect(ndcgAt(10, ["b", "b", "b"], new Map([["b", 1]]))).toBeCloseTo(1, 9);
    expect(ndcgAt(2, ["b", "b"], new Map([["b", 1], ["c", 1]]))).toBeLessThan(1);
  });

  it("is 0 when no item is relevant", () => {
    expect(ndcgAt(10, ["a"], new Map())).toBe(0);
  });
});

describe("recallAt", () => {
  it.each([
    { ranked: ["a", "x", "b"], k: 20, expected: 2 / 3 },
    { ranked: ["a", "x", "b"], k: 1, expected: 1 / 3 },
    { ranked: ["a", "a"], k: 20, expected: 1 / 3 },
    { ranked: [], k: 20, expected: 0 },
  ])("$ranked @$k → $expected", ({ ranked, k, expected }) => {
    expect(recallAt(k, ranked, new Set(["a", "b", "c"]))).toBeCloseTo(expected, 9);
  });

  it("is 0 with nothing relevant", () => {
    expect(recallAt(20, ["a"], new Set())).toBe(0);
  });
});

describe("meanOf", () => {
  it("averages, and is 0 for no value", () => {
    expect(meanOf([1, 0, 0.5])).toBeCloseTo(0.5, 9);
    expect(meanOf([])).toBe(0);
  });
});
