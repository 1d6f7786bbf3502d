import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EARTH_RADIUS_M, MemoryIndex, type IndexedDocument, type MemoryQuery } from "./memory-index";
import { packCounts, unpackCounts } from "./tsvector";
import { FACET_LIMIT, facetFilterKey, facetNames, type FacetName } from "./types";

// The index against a plain reference: every document tested one by one, every facet counted
// with the other filters, the text score written out. The fast paths (postings, scratch arrays
// reset between searches, top-K insertion, slots of array facets) must give the same answers.

const LEXEMES = ["nettoi", "netto", "jardin", "jardinag", "imprim", "traiteur", "entrepris", "montreuil", "bat"];
const CATEGORIES = ["nettoyage", "espaces-verts", "imprimerie", "restauration", "batiment"];
const LABELS = ["esus", "ea", "qualiopi", "siae-ei"];
const COMMUNES = Array.from({ length: 40 }, (_, i) => String(93000 + i)); // more than FACET_LIMIT
const STATUSES = ["none", "declared", "verified", "rejected"];

const documentArbitrary = (docno: number) =>
  fc.record({
    terms: fc.uniqueArray(fc.constantFrom(...LEXEMES), { minLength: 1, maxLength: 5 }).chain((lexemes) =>
      fc.tuple(...lexemes.map((lexeme) => fc.tuple(fc.nat(3), fc.nat(3), fc.nat(3)).map(([a, b, c]) => ({ lexeme, packed: packCounts(a, b, a + b + c === 0 ? 1 : c) })))),
    ),
    categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES), { maxLength: 5 }), // beyond the 3 slots
    labels: fc.uniqueArray(fc.constantFrom(...LABELS), { maxLength: 2 }),
    qpvCode: fc.option(fc.constantFrom("QN1", "QN2", "QN3"), { nil: null }),
    qpvStatus: fc.constantFrom(...STATUSES),
    communeInsee: fc.option(fc.constantFrom(...COMMUNES), { nil: null }),
    epciSiren: fc.option(fc.constantFrom("E1", "E2"), { nil: null }),
    departmentCode: fc.option(fc.constantFrom("93", "94", "75"), { nil: null }),
    position: fc.option(fc.record({ lat: fc.double({ min: 48.7, max: 49, noNaN: true }), lon: fc.double({ min: 2.2, max: 2.6, noNaN: true }) }), { nil: null }),
    completeness: fc.integer({ min: 0, max: 3 }),
    createdAt: fc.integer({ min: 0, max: 3 }),
  }).map(
    (r): IndexedDocument => ({
      docno,
      id: `00000000-0000-4000-8000-${String(docno).padStart(12, "0")}`,
      terms: r.terms,
      categories: r.categories,
      labels: r.labels,
      qpvCode: r.qpvCode,
      qpvStatus: r.qpvStatus,
      communeInsee: r.communeInsee,
      epciSiren: r.epciSiren,
      departmentCode: r.departmentCode,
      lat: r.position?.lat ?? null,
      lon: r.position?.lon ?? null,
      completeness: r.completeness,
      createdAt: r.createdAt,
    }),
  );

const queryArbitrary: fc.Arbitrary<MemoryQuery> = fc.record({
  text: fc.option(
    fc.record({
      groups: fc.array(fc.array(fc.oneof(fc.constantFrom(...LEXEMES), fc.constantFrom("net:*", "jard:*", "zzz:*", "inconnu")), { minLength: 1, maxLength: 3 }), { minLength: 1, maxLength: 3 }),
      mode: fc.constantFrom("and" as const, "or" as const),
    }),
    { nil: null },
  ),
  filters: fc.record(
    {
      categories: fc.uniqueArray(fc.constantFrom(...CATEGORIES, "inconnue"), { minLength: 1, maxLength: 2 }),
      labels: fc.uniqueArray(fc.constantFrom(...LABELS), { minLength: 1, maxLength: 2 }),
      qpv: fc.uniqueArray(fc.constantFrom("QN1", "QN2"), { minLength: 1 }),
      communes: fc.uniqueArray(fc.constantFrom(...COMMUNES), { minLength: 1, maxLength: 3 }),
      departments: fc.uniqueArray(fc.constantFrom("93", "94"), { minLength: 1 }),
      verifiedQpvOnly: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
  near: fc.option(fc.record({ lat: fc.constant(48.86), lon: fc.constant(2.45), radiusKm: fc.option(fc.constantFrom(5, 10, 20), { nil: undefined }) }), { nil: undefined }),
  sort: fc.constantFrom("relevance" as const, "distance" as const, "newest" as const),
  offset: fc.constantFrom(0, 3, 10),
  limit: fc.constantFrom(1, 5, 20),
  facets: fc.boolean(),
});

// ---------------------------------------------------------------------------------------------
// The reference.

function termScore(packed: number): number {
  const { a, b, c } = unpackCounts(packed);
  return (1 * a) / (a + 0.5) + (0.4 * b) / (b + 0.5) + (0.2 * c) / (c + 0.5);
}

function chordSquared(doc: IndexedDocument, point: { lat: number; lon: number }): number {
  if (doc.lat === null || doc.lon === null) return NaN;
  const v = (lat: number, lon: number) => {
    const [p, l] = [(lat * Math.PI) / 180, (lon * Math.PI) / 180];
    return [Math.cos(p) * Math.cos(l), Math.cos(p) * Math.sin(l), Math.sin(p)];
  };
  const [a, b] = [v(doc.lat, doc.lon), v(point.lat, point.lon)];
  return (a[0]! - b[0]!) ** 2 + (a[1]! - b[1]!) ** 2 + (a[2]! - b[2]!) ** 2;
}

function reference(docs: IndexedDocument[], query: MemoryQuery) {
  const lexemesOf = (alternative: string) => {
    if (!alternative.endsWith(":*")) return [alternative];
    const prefix = alternative.slice(0, -2);
    return [...new Set(docs.flatMap((d) => d.terms.map((t) => t.lexeme)))].filter((l) => l.startsWith(prefix));
  };
  const df = (lexeme: string) => docs.filter((d) => d.terms.some((t) => t.lexeme === lexeme)).length;
  const score = new Map<IndexedDocument, number>();
  let candidates = docs;
  if (query.text && query.text.groups.length > 0) {
    const groups = query.text.groups.map((group) => group.map((alternative, i) => ({ lexemes: lexemesOf(alternative), weight: alternative.endsWith(":*") ? 0.8 : i === 0 ? 1 : 0.9 })));
    const common = groups.map((g) => g.some((a) => a.lexemes.some((l) => df(l) > docs.length * 0.5)));
    const used = query.text.mode === "or" && common.some((c) => !c) ? groups.filter((_, i) => !common[i]) : groups;
    const wanted = query.text.mode === "and" ? groups.length : 1;
    const groupScore = (doc: IndexedDocument, group: (typeof groups)[number]) =>
      Math.max(0, ...group.flatMap((a) => a.lexemes.map((l) => doc.terms.filter((t) => t.lexeme === l).reduce((s, t) => s + a.weight * termScore(t.packed), 0))));
    candidates = docs.filter((doc) => used.filter((g) => groupScore(doc, g) > 0).length >= wanted);
    for (const doc of candidates) {
      score.set(
        doc,
        used.reduce((sum, g) => {
          const inGroup = docs.filter((d) => groupScore(d, g) > 0).length;
          return sum + (groupScore(doc, g) > 0 ? Math.log(1 + docs.length / inGroup) * groupScore(doc, g) : 0);
        }, 0),
      );
    }
  }
  const near = query.near;
  const maxChord = near?.radiusKm !== undefined ? (2 * Math.sin((near.radiusKm * 1000) / (2 * EARTH_RADIUS_M))) ** 2 : Infinity;
  if (near?.radiusKm !== undefined) candidates = candidates.filter((d) => chordSquared(d, near) <= maxChord);
  const f = query.filters ?? {};
  const value: Record<FacetName, (d: IndexedDocument) => readonly string[]> = {
    categories: (d) => d.categories,
    labels: (d) => d.labels,
    qpv: (d) => (d.qpvCode ? [d.qpvCode] : []),
    communes: (d) => (d.communeInsee ? [d.communeInsee] : []),
    epcis: (d) => (d.epciSiren ? [d.epciSiren] : []),
    departments: (d) => (d.departmentCode ? [d.departmentCode] : []),
  };
  const passes = (d: IndexedDocument, except: FacetName | "verified" | null) =>
    facetNames.every((facet) => facet === except || !f[facetFilterKey[facet]]?.length || value[facet](d).some((v) => f[facetFilterKey[facet]]!.includes(v))) &&
    (except === "verified" || !f.verifiedQpvOnly || d.qpvStatus === "verified");
  const matches = candidates.filter((d) => passes(d, null));
  const facets = Object.fromEntries(
    facetNames.map((facet) => {
      if (!query.facets) return [facet, []];
      const counts = new Map<string, number>();
      for (const d of candidates.filter((c) => passes(c, facet))) for (const v of new Set(value[facet](d))) counts.set(v, (counts.get(v) ?? 0) + 1);
      const sorted = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
      const selected = f[facetFilterKey[facet]] ?? [];
      const top = sorted.slice(0, FACET_LIMIT);
      const shown = [...top, ...sorted.slice(FACET_LIMIT).filter(([v]) => selected.includes(v))];
      const unmatched = selected.filter((v) => !counts.has(v)).map((v): [string, number] => [v, 0]);
      return [facet, [...shown, ...unmatched].map(([v, count]) => ({ value: v, count }))];
    }),
  );
  return { total: matches.length, matches, score, facets, verifiedQpv: query.facets ? matches.filter((d) => d.qpvStatus === "verified").length : 0 };
}

function build(docs: IndexedDocument[]): MemoryIndex {
  const index = new MemoryIndex();
  for (const doc of docs) index.upsert(doc);
  return index;
}

describe("MemoryIndex", () => {
  it("matches the reference: totals, disjunctive facet counts, the page in order", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 40 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => documentArbitrary(i + 1)))),
        fc.array(queryArbitrary, { minLength: 1, maxLength: 4 }),
        (docs, queries) => {
          const index = build(docs);
          for (const query of queries) {
            const got = index.search(query);
            expect(index.search(query)).toEqual(got); // nothing left behind in the scratch space
            const want = reference(docs, query);
            expect(got.total).toBe(want.total);
            expect(got.verifiedQpv).toBe(want.verifiedQpv);
            expect(got.facets).toEqual(want.facets);
            const byId = new Map(docs.map((d) => [d.id, d]));
            const textual = query.text !== null && query.text.groups.length > 0;
            for (const hit of got.hits) {
              expect(want.matches).toContain(byId.get(hit.id));
              if (textual) expect(hit.score).toBeCloseTo(want.score.get(byId.get(hit.id)!)!, 9);
            }
            // The page is the reference's order, sliced: the comparator written out once more.
            const chord = (d: IndexedDocument) => (query.near ? chordSquared(d, query.near) : NaN);
            const desc = (a: number, b: number) => (a === b ? 0 : a > b ? -1 : 1);
            const ordered = [...want.matches].sort((a, b) => {
              const id = a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
              const s = textual ? desc(want.score.get(a)!, want.score.get(b)!) : 0;
              if (query.sort === "distance" && query.near) {
                const [ca, cb] = [chord(a), chord(b)];
                if (Number.isNaN(ca) !== Number.isNaN(cb)) return Number.isNaN(ca) ? 1 : -1;
                return (Number.isNaN(ca) || ca === cb ? 0 : ca < cb ? -1 : 1) || s || id;
              }
              if (query.sort === "newest") return desc(a.createdAt, b.createdAt) || id;
              return s || desc(a.completeness, b.completeness) || desc(a.createdAt, b.createdAt) || id;
            });
            expect(got.hits.map((h) => h.id)).toEqual(ordered.slice(query.offset, query.offset + query.limit).map((d) => d.id));
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it("stays equal to the reference through updates and removals", () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 1, max: 12 }), fc.boolean()), { minLength: 1, maxLength: 40 }).chain((ops) =>
          fc.tuple(fc.constant(ops), fc.tuple(...ops.map(([docno]) => documentArbitrary(docno)))),
        ),
        queryArbitrary,
        ([ops, versions], query) => {
          const index = new MemoryIndex();
          const current = new Map<number, IndexedDocument>();
          ops.forEach(([docno, remove], i) => {
            if (remove) {
              index.remove(docno);
              current.delete(docno);
            } else {
              index.upsert(versions[i]!);
              current.set(docno, versions[i]!);
            }
            index.search(query); // scratch space used between writes
          });
          const docs = [...current.values()];
          expect(index.count).toBe(docs.length);
          const got = index.search(query);
          const want = reference(docs, query);
          expect(got.total).toBe(want.total);
          expect(got.facets).toEqual(want.facets);
          expect(new Set(got.hits.map((h) => h.id)).size).toBe(got.hits.length);
        },
      ),
      { numRuns: 150 },
    );
  });

  describe("text ranking", () => {
    const doc = (docno: number, terms: [string, number, number, number][], extra: Partial<IndexedDocument> = {}): IndexedDocument => ({
      docno,
      id: `00000000-0000-4000-8000-${String(docno).padStart(12, "0")}`,
      terms: terms.map(([lexeme, a, b, c]) => ({ lexeme, packed: packCounts(a, b, c) })),
      categories: [],
      labels: [],
      qpvCode: null,
      qpvStatus: "none",
      communeInsee: null,
      epciSiren: null,
      departmentCode: null,
      lat: null,
      lon: null,
      completeness: 50,
      createdAt: 0,
      ...extra,
    });
    const ids = (index: MemoryIndex, groups: string[][], mode: "and" | "or" = "and") =>
      index.search({ text: { groups, mode }, offset: 0, limit: 10, facets: false }).hits.map((h) => h.docno);

    it("gives the same scores when the same search runs again (the scratch space is reset)", () => {
      const index = build([doc(1, [["jardin", 1, 0, 0]]), doc(2, [["jardin", 0, 1, 0], ["imprim", 1, 0, 0]]), doc(3, [["imprim", 0, 0, 1]])]);
      const search = (groups: string[][], mode: "and" | "or") => index.search({ text: { groups, mode }, offset: 0, limit: 10, facets: true });
      const first = search([["jardin"], ["imprim"]], "and");
      search([["jardin"], ["imprim"]], "or");
      expect(search([["jardin"], ["imprim"]], "and")).toEqual(first);
      expect(first.hits.map((h) => h.docno)).toEqual([2]);
    });

    it("ranks a word in the name above the same word in the description", () => {
      const index = build([doc(1, [["imprim", 0, 0, 1]]), doc(2, [["imprim", 1, 0, 0]]), doc(3, [["imprim", 0, 1, 0]])]);
      expect(ids(index, [["imprim"]])).toEqual([2, 3, 1]);
    });

    it("ranks the word as typed above its correction and a completed prefix", () => {
      const index = build([doc(1, [["jardin", 1, 0, 0]]), doc(2, [["jardinag", 1, 0, 0]]), doc(3, [["jardini", 1, 0, 0]])]);
      expect(ids(index, [["jardin", "jardinag", "jardi:*"]])).toEqual([1, 2, 3]);
    });

    it("in 'any word' mode, ranks documents with the rarer word first and leaves out a word most documents have", () => {
      const docs = [doc(1, [["entrepris", 0, 1, 0], ["jardin", 0, 0, 1]]), ...Array.from({ length: 5 }, (_, i) => doc(i + 2, [["entrepris", 1, 0, 0]]))];
      expect(ids(build(docs), [["jardin"], ["entrepris"]], "or")).toEqual([1]);
      expect(ids(build(docs), [["inconnu"], ["entrepris"]], "or")).toEqual([]);
      expect(ids(build(docs), [["entrepris"]], "or")).toHaveLength(6); // a word alone is still searched
    });
  });
});
