import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { cropText, highlightTerms, normalizeWord, segmentsFromTagged } from "./highlight";

const marked = (segments: { text: string; match: boolean }[]) => segments.filter((s) => s.match).map((s) => s.text);

describe("highlightTerms", () => {
  it.each([
    ["Nettoyage de bureaux", ["nettoyag", "bureau"], ["Nettoyage", "bureaux"]],
    ["Éco-Propreté", ["eco", "propret"], ["Éco", "Propreté"]],
    ["Sèvres Ménage Services", ["sevr"], ["Sèvres"]],
    ["Cœur de ville", ["coeur"], ["Cœur"]],
    ["Imprimerie Moderne du 93", ["93"], ["93"]],
    ["Traiteur", [], []],
  ])("marks in %s the words starting with %j", (text, terms, expected) => {
    expect(marked(highlightTerms(text, terms))).toEqual(expected);
  });

  it("merges neighbouring segments and loses no character", () => {
    expect(highlightTerms("a b nettoyage c", ["nettoyag"])).toEqual([
      { text: "a b ", match: false },
      { text: "nettoyage", match: true },
      { text: " c", match: false },
    ]);
    fc.assert(
      fc.property(fc.string(), fc.array(fc.string()), (text, terms) => {
        const segments = highlightTerms(text, terms);
        expect(segments.map((s) => s.text).join("")).toBe(text);
        segments.forEach((s, i) => i > 0 && expect(s.match).not.toBe(segments[i - 1]!.match));
      }),
    );
  });

  it("keeps markup as text (rendered without innerHTML)", () => {
    expect(highlightTerms("<b>nettoyage</b>", ["nettoyag"]).map((s) => s.text).join("")).toBe("<b>nettoyage</b>");
  });
});

describe("normalizeWord", () => {
  it("lower-cases and removes accents and ligatures", () => {
    expect(normalizeWord("ÉCŒURÉ Æther")).toBe("ecoeure aether");
  });
});

describe("cropText", () => {
  const long = `${"Début du texte sans intérêt particulier. ".repeat(8)}Nous assurons le nettoyage de bureaux. ${"Suite du texte. ".repeat(10)}`;

  it("keeps short texts whole", () => {
    expect(cropText("Nettoyage de bureaux", ["nettoyag"])).toBe("Nettoyage de bureaux");
  });

  it("crops around the first match with ellipses", () => {
    const cropped = cropText(long, ["nettoyag"], 120);
    expect(cropped.length).toBeLessThanOrEqual(122);
    expect(cropped).toContain("nettoyage");
    expect(cropped.startsWith("…")).toBe(true);
    expect(cropped.endsWith("…")).toBe(true);
  });
});

describe("segmentsFromTagged", () => {
  it("turns an engine's tags into segments", () => {
    expect(segmentsFromTagged("\u0001Net\u0002toyage de \u0001bureaux\u0002", "\u0001", "\u0002")).toEqual([
      { text: "Net", match: true },
      { text: "toyage de ", match: false },
      { text: "bureaux", match: true },
    ]);
  });

  it("keeps an unclosed tag as plain text", () => {
    expect(segmentsFromTagged("a \u0001b", "\u0001", "\u0002")).toEqual([{ text: "a \u0001b", match: false }]);
  });
});
