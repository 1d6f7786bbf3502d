import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { scoreMatch, type MatchContext, type MatchNeed, type MatchSupplier } from "./score";
import { WEIGHTS } from "./weights";

const ctx: MatchContext = {
  categoryNaf: (slug) => ({ nettoyage: ["8121Z", "8122Z"], "espaces-verts": ["8130Z"] })[slug] ?? [],
  categoryLabel: (slug) => ({ nettoyage: "Nettoyage", "espaces-verts": "Espaces verts" })[slug] ?? slug,
  labelLabel: (slug) => ({ ess: "ESS", siae: "SIAE" })[slug] ?? slug,
};

// Saint-Denis (93) and a point ~4 km away in Aubervilliers.
const need: MatchNeed = {
  categories: ["nettoyage"],
  lat: 48.9356,
  lon: 2.3539,
  communeInsee: "93066",
  department: "93",
  epci: "200057867",
  perimeter: { kind: "radius", radiusKm: 15 },
  requiredLabels: [],
  text: "Nettoyage de bureaux",
};

const supplier: MatchSupplier = {
  id: "s1",
  categories: ["nettoyage"],
  nafCode: "8121Z",
  lat: 48.9146,
  lon: 2.3821,
  department: "93",
  epci: "200057867",
  zone: { kind: "radius", radiusKm: 10 },
  qpv: { status: "none", name: null },
  labels: [],
  textRelevance: 0,
  responsiveness: { notified: 0, answered: 0 },
};

function points(result: ReturnType<typeof scoreMatch>, key: string): number {
  return result.components.find((c) => c.key === key)?.points ?? -1;
}

describe("category and NAF fit", () => {
  it.each([
    { name: "shared category", s: {}, eligible: true, pts: WEIGHTS.category, reason: "Catégorie : Nettoyage" },
    { name: "NAF only", s: { categories: [] }, eligible: true, pts: 24.5, reason: "Code NAF compatible (81.21Z)" },
    { name: "NAF in another form", s: { categories: [], nafCode: "81.21z" }, eligible: true, pts: 24.5, reason: "Code NAF compatible (81.21Z)" },
    { name: "no fit", s: { categories: ["espaces-verts"], nafCode: "8130Z" }, eligible: false, pts: 0, reason: "Activité sans rapport avec les catégories du besoin" },
    { name: "no NAF, no category", s: { categories: [], nafCode: null }, eligible: false, pts: 0, reason: "Activité sans rapport avec les catégories du besoin" },
  ])("$name", ({ s, eligible, pts, reason }) => {
    const result = scoreMatch(need, { ...supplier, ...s }, ctx);
    expect(result.eligible).toBe(eligible);
    expect(points(result, "category")).toBe(pts);
    expect(result.reasons).toContain(reason);
  });

  it("accepts a NAF code the need asks for explicitly", () => {
    const result = scoreMatch({ ...need, categories: [], nafCodes: ["81.30Z"] }, { ...supplier, categories: [], nafCode: "8130Z" }, ctx);
    expect(result.eligible).toBe(true);
    expect(result.reasons).toContain("Code NAF compatible (81.30Z)");
  });
});

describe("geography", () => {
  it.each<{ name: string; n?: Partial<MatchNeed>; s?: Partial<MatchSupplier>; c?: Partial<MatchContext>; eligible: boolean; reason: string }>([
    { name: "inside the radius", eligible: true, reason: "À 3 km, dans le périmètre" },
    { name: "precomputed distance wins", c: { distanceKm: 12.4 }, eligible: true, reason: "À 12 km, dans le périmètre" },
    { name: "outside the radius, zone too small", c: { distanceKm: 40 }, eligible: false, reason: "Hors périmètre (à 40 km)" },
    { name: "outside the radius, supplier travels far", c: { distanceKm: 40 }, s: { zone: { kind: "radius", radiusKm: 50 } }, eligible: true, reason: "Intervient jusqu'à 50 km : besoin à 40 km" },
    { name: "supplier serves the whole department", c: { distanceKm: 40 }, s: { zone: { kind: "departments", departments: ["93"] } }, eligible: true, reason: "Zone d'intervention : tout le département 93" },
    { name: "supplier serves France", c: { distanceKm: 400 }, s: { zone: { kind: "national" } }, eligible: true, reason: "Zone d'intervention : toute la France" },
    { name: "department perimeter", n: { perimeter: { kind: "departments", departments: ["93", "95"] } }, eligible: true, reason: "Dans le périmètre (département 93)" },
    { name: "department perimeter, other department", n: { perimeter: { kind: "departments", departments: ["95"] } }, s: { zone: { kind: "radius", radiusKm: 1 } }, eligible: false, reason: "Hors périmètre (à 3 km)" },
    { name: "EPCI perimeter", n: { perimeter: { kind: "epci", epci: "200057867" } }, eligible: true, reason: "Dans l'intercommunalité du besoin" },
    { name: "national perimeter", n: { perimeter: { kind: "national" } }, eligible: true, reason: "Besoin ouvert à toute la France" },
    { name: "no coordinates, same EPCI", s: { lat: null, lon: null }, eligible: true, reason: "Même intercommunalité, distance inconnue" },
    { name: "no coordinates, same department", s: { lat: null, lon: null, epci: "other" }, eligible: true, reason: "Même département (93), distance inconnue" },
    { name: "no coordinates, elsewhere", s: { lat: null, lon: null, epci: "other", department: "75" }, eligible: false, reason: "Hors du périmètre du besoin et de sa zone d'intervention" },
  ])("$name", ({ n, s, c, eligible, reason }) => {
    const result = scoreMatch({ ...need, ...n }, { ...supplier, ...s }, { ...ctx, ...c });
    expect(result.eligible).toBe(eligible);
    expect(result.reasons).toContain(reason);
  });

  it("gives more points to a closer supplier, fewer to one reached only by its zone", () => {
    const at = (km: number, s: Partial<MatchSupplier> = {}) =>
      points(scoreMatch(need, { ...supplier, ...s }, { ...ctx, distanceKm: km }), "geography");
    expect(at(0)).toBe(WEIGHTS.geography);
    expect(at(2)).toBeGreaterThan(at(10));
    expect(at(15)).toBeCloseTo(WEIGHTS.geography * 0.3, 5);
    expect(at(20, { zone: { kind: "radius", radiusKm: 30 } })).toBeLessThan(at(15));
    expect(at(20)).toBe(0);
  });
});

describe("QPV, labels, text, responsiveness", () => {
  it.each<{ qpv: MatchSupplier["qpv"]; pts: number; reason: string | null }>([
    { qpv: { status: "verified", name: "Goutte d'Or" }, pts: 15, reason: "QPV vérifié : Goutte d'Or" },
    { qpv: { status: "declared", name: "Goutte d'Or" }, pts: 5, reason: "QPV déclaré (non vérifié)" },
    { qpv: { status: "rejected", name: null }, pts: 0, reason: null },
    { qpv: { status: "none", name: null }, pts: 0, reason: null },
  ])("QPV $qpv.status", ({ qpv, pts, reason }) => {
    const result = scoreMatch(need, { ...supplier, qpv }, ctx);
    expect(points(result, "qpv")).toBe(pts);
    if (reason) expect(result.reasons).toContain(reason);
    else expect(result.reasons.some((r) => r.startsWith("QPV"))).toBe(false);
  });

  it.each([
    { required: [], held: ["ess"], max: -1, pts: -1, reasons: [] },
    { required: ["ess"], held: ["ess"], max: 10, pts: 10, reasons: ["Label ESS"] },
    { required: ["ess"], held: [], max: 10, pts: 0, reasons: ["Label demandé absent : ESS"] },
    { required: ["ess", "siae"], held: ["siae"], max: 20, pts: 10, reasons: ["Label SIAE", "Label demandé absent : ESS"] },
  ])("labels $required held $held", ({ required, held, max, pts, reasons }) => {
    const result = scoreMatch({ ...need, requiredLabels: required }, { ...supplier, labels: held }, ctx);
    const labels = result.components.find((c) => c.key === "labels");
    expect(labels?.max ?? -1).toBe(max);
    expect(labels?.points ?? -1).toBe(pts);
    for (const reason of reasons) expect(result.reasons).toContain(reason);
  });

  it.each([
    { relevance: 0, pts: 0, reason: false },
    { relevance: 0.5, pts: 7.5, reason: true },
    { relevance: 3, pts: 15, reason: true },
    { relevance: Number.NaN, pts: 0, reason: false },
  ])("text relevance $relevance", ({ relevance, pts, reason }) => {
    const result = scoreMatch(need, { ...supplier, textRelevance: relevance }, ctx);
    expect(points(result, "text")).toBe(pts);
    expect(result.reasons.includes("Description proche du besoin")).toBe(reason);
  });

  it.each([
    { notified: 0, answered: 0, pts: 5, reason: null },
    { notified: 5, answered: 4, pts: 7.1, reason: "Répond souvent aux besoins (4 réponses sur 5)" },
    { notified: 1, answered: 1, pts: 6.7, reason: "A répondu à 1 besoin sur 1" },
    { notified: 10, answered: 1, pts: 1.7, reason: "A répondu à 1 besoin sur 10" },
    { notified: 2, answered: 9, pts: 7.5, reason: "Répond souvent aux besoins (2 réponses sur 2)" },
  ])("responsiveness $answered/$notified", ({ notified, answered, pts, reason }) => {
    const result = scoreMatch(need, { ...supplier, responsiveness: { notified, answered } }, ctx);
    expect(points(result, "responsiveness")).toBe(pts);
    if (reason) expect(result.reasons).toContain(reason);
  });
});

describe("total", () => {
  it("is the share of the applicable maximum", () => {
    const result = scoreMatch(need, { ...supplier, qpv: { status: "verified", name: "Franc-Moisin" }, textRelevance: 1 }, { ...ctx, distanceKm: 0 });
    expect(result.components.map((c) => c.max)).toEqual([35, 25, 15, 15, 10]);
    expect(result.score).toBe(95); // 35 + 25 + 15 + 15 + 5 (no history yet)
  });
});

const arbitrarySupplier: fc.Arbitrary<MatchSupplier> = fc.record({
  id: fc.string(),
  categories: fc.subarray(["nettoyage", "espaces-verts", "traiteur"]),
  nafCode: fc.option(fc.constantFrom("8121Z", "8130Z", "5621Z", "81.22z")),
  lat: fc.option(fc.double({ min: 41, max: 51, noNaN: true })),
  lon: fc.option(fc.double({ min: -5, max: 9, noNaN: true })),
  department: fc.option(fc.constantFrom("93", "75", "69")),
  epci: fc.option(fc.constantFrom("200057867", "200046977")),
  zone: fc.oneof(
    fc.record({ kind: fc.constant("radius" as const), radiusKm: fc.double({ min: 0, max: 500, noNaN: true }) }),
    fc.record({ kind: fc.constant("departments" as const), departments: fc.subarray(["93", "75", "69"]) }),
    fc.constant({ kind: "national" as const }),
  ),
  qpv: fc.record({ status: fc.constantFrom("none" as const, "declared" as const, "verified" as const, "rejected" as const), name: fc.option(fc.string()) }),
  labels: fc.subarray(["ess", "siae", "geiq"]),
  textRelevance: fc.double({ min: -1, max: 2 }),
  responsiveness: fc.record({ notified: fc.integer({ min: -3, max: 50 }), answered: fc.integer({ min: -3, max: 60 }) }),
});

const arbitraryNeed: fc.Arbitrary<MatchNeed> = fc.record({
  categories: fc.subarray(["nettoyage", "espaces-verts"]),
  lat: fc.option(fc.double({ min: 41, max: 51, noNaN: true })),
  lon: fc.option(fc.double({ min: -5, max: 9, noNaN: true })),
  communeInsee: fc.constant("93066"),
  department: fc.option(fc.constantFrom("93", "75")),
  epci: fc.option(fc.constant("200057867")),
  perimeter: fc.oneof(
    fc.record({ kind: fc.constant("radius" as const), radiusKm: fc.double({ min: 0, max: 300, noNaN: true }) }),
    fc.record({ kind: fc.constant("epci" as const), epci: fc.constant("200057867") }),
    fc.record({ kind: fc.constant("departments" as const), departments: fc.subarray(["93", "75", "69"]) }),
    fc.constant({ kind: "national" as const }),
  ),
  requiredLabels: fc.subarray(["ess", "siae", "geiq"]),
  text: fc.string(),
});

describe("properties", () => {
  it("the score is an integer in [0, 100]", () => {
    fc.assert(
      fc.property(arbitraryNeed, arbitrarySupplier, (n, s) => {
        const { score } = scoreMatch(n, s, ctx);
        return Number.isInteger(score) && score >= 0 && score <= 100;
      }),
    );
  });

  it("requiring a label the supplier holds never lowers its score", () => {
    fc.assert(
      fc.property(arbitraryNeed, arbitrarySupplier, fc.constantFrom("ess", "siae", "geiq", "rge"), (n, s, label) => {
        const holder = { ...s, labels: [...new Set([...s.labels, label])] };
        const before = scoreMatch(n, holder, ctx).score;
        const after = scoreMatch({ ...n, requiredLabels: [...n.requiredLabels, label] }, holder, ctx).score;
        return after >= before;
      }),
    );
  });
});
