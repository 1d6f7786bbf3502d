import { describe, expect, it } from "vitest";
import { WordAnalysisCache } from "./postgres-engine";

const row = (token: string) => [{ ord: 1, token, lexeme: token, known: true, word: null, suggestion: null }];

describe("WordAnalysisCache", () => {
  it("returns a word's analysis until it expires (time is a parameter)", () => {
    const cache = new WordAnalysisCache(1000, 10);
    cache.set("nettoyage", row("nettoyag"), 0);
    expect(cache.get("nettoyage", 1000)).toEqual(row("nettoyag"));
    expect(cache.get("nettoyage", 1001)).toBeUndefined();
    expect(cache.get("nettoyage", 0)).toBeUndefined();
  });

  it("forgets the least recently used word beyond its size", () => {
    const cache = new WordAnalysisCache(60_000, 2);
    cache.set("a", row("a"), 0);
    cache.set("b", row("b"), 0);
    expect(cache.get("a", 1)).toBeDefined(); // "a" is now the most recent
    cache.set("c", row("c"), 2);
    expect(cache.get("b", 3)).toBeUndefined();
    expect(cache.get("a", 3)).toBeDefined();
    expect(cache.get("c", 3)).toBeDefined();
  });

  it("is emptied when the vocabulary may have changed", () => {
    const cache = new WordAnalysisCache();
    cache.set("traiteur", row("traiteur"), 0);
    cache.clear();
    expect(cache.get("traiteur", 0)).toBeUndefined();
  });
});
