// The behaviour every search engine must have, run over the same fixture against each engine.
// Expected counts are computed from the fixture itself, so adding a fixture never breaks a test.
import { beforeAll, describe, expect, it } from "vitest";
import { fixtureByName, fixtureDocuments, places } from "./fixtures";
import type { FacetValue, SearchEngine, SearchFilters, SearchQuery, SearchResult, SupplierSearchDocument } from "./types";

const montreuil = { lat: places.montreuil.lat, lon: places.montreuil.lon };

function names(result: SearchResult): string[] {
  return result.hits.map((h) => h.document.name);
}

function countWhere(predicate: (d: SupplierSearchDocument) => boolean): number {
  return fixtureDocuments.filter(predicate).length;
}

function facetCount(values: FacetValue[], value: string): number | undefined {
  return values.find((v) => v.value === value)?.count;
}

function haversineKm(a: { lat: number; lon: number }, b: { lat: number; lon: number }): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLon = (b.lon - a.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLon / 2) ** 2;
  return 2 * 6371 * Math.asin(Math.sqrt(h));
}

export function runSearchContract(name: string, makeEngine: () => Promise<SearchEngine>): void {
  describe(`search contract: ${name}`, () => {
    let engine: SearchEngine;
    const search = (query: SearchQuery) => engine.search(query);

    beforeAll(async () => {
      engine = await makeEngine();
      await engine.setup();
      await engine.clear();
      await engine.index([...fixtureDocuments]);
    });

    describe("relevance", () => {
      it("indexes every fixture document", async () => {
        expect(await engine.count()).toBe(fixtureDocuments.length);
      });

      it("puts the firm named after the query first", async () => {
        expect(names(await search({ q: "imprimerie" }))[0]).toBe("Imprimerie Moderne du 93");
        expect(names(await search({ q: "Diallo" }))[0]).toBe("Nettoyage Diallo & Fils");
        expect(names(await search({ q: "jardiniers montreuil" }))[0]).toBe("Les Jardiniers de Montreuil");
      });

      it("finds cleaning firms in Montreuil first for a query with a typo", async () => {
        const result = await search({ q: "netoyage bureau montreuil" });
        const top = result.hits.slice(0, 2).map((h) => h.document);
        expect(top).toHaveLength(2);
        for (const doc of top) {
          expect(doc.categories).toContain("nettoyage");
          expect(doc.communeName).toBe("Montreuil");
        }
        if (result.correctedQuery !== undefined) expect(result.correctedQuery).toContain("nettoyage");
      });

      it("corrects typos in trade words", async () => {
        expect((await search({ q: "traiteure" })).hits[0]?.document.categories).toContain("restauration-traiteur");
        expect((await search({ q: "imprimrie" })).hits[0]?.document.categories).toContain("imprimerie");
      });

      it("ignores accents and case", async () => {
        expect(names(await search({ q: "eco proprete" }))[0]).toBe("Éco-Propreté");
        expect(names(await search({ q: "ÉCO-PROPRETÉ" }))[0]).toBe("Éco-Propreté");
        const accented = await search({ q: "Sèvres" });
        const plain = await search({ q: "sevres" });
        expect(names(accented)).toContain("Sèvres Ménage Services");
        expect(names(plain).sort()).toEqual(names(accented).sort());
      });

      it("stems French words (plural finds singular)", async () => {
        const result = await search({ q: "nettoyages", perPage: 100 });
        const cleaning = countWhere((d) => d.categories.includes("nettoyage"));
        expect(result.hits.filter((h) => h.document.categories.includes("nettoyage")).length).toBe(cleaning);
      });

      it("highlights the matching words without markup", async () => {
        const hit = (await search({ q: "nettoyage" })).hits.find((h) => h.document.name === "Nettoyage Diallo & Fils");
        expect(hit).toBeDefined();
        expect(hit!.highlights.name.map((s) => s.text).join("")).toBe("Nettoyage Diallo & Fils");
        expect(hit!.highlights.name.filter((s) => s.match).map((s) => s.text.trim())).toContain("Nettoyage");
        expect(hit!.highlights.name.some((s) => s.text.includes("<"))).toBe(false);
      });

      it("returns nothing, not an error, when nothing matches", async () => {
        const result = await search({ q: "zzqxwv kkjjhh" });
        expect(result.total).toBe(0);
        expect(result.hits).toEqual([]);
        expect(result.pages).toBe(0);
      });
    });

    describe("filters and facets", () => {
      const cases: { filter: SearchFilters; predicate: (d: SupplierSearchDocument) => boolean }[] = [
        { filter: { categories: ["nettoyage"] }, predicate: (d) => d.categories.includes("nettoyage") },
        { filter: { categories: ["imprimerie", "espaces-verts"] }, predicate: (d) => d.categories.includes("imprimerie") || d.categories.includes("espaces-verts") },
        { filter: { qpv: ["QN09318M"] }, predicate: (d) => d.qpvCode === "QN09318M" },
        { filter: { communes: ["93048"] }, predicate: (d) => d.communeInsee === "93048" },
        { filter: { epcis: ["200054781"] }, predicate: (d) => d.epciSiren === "200054781" },
        { filter: { departments: ["69"] }, predicate: (d) => d.departmentCode === "69" },
        { filter: { labels: ["esus"] }, predicate: (d) => d.labels.includes("esus") },
        { filter: { verifiedQpvOnly: true }, predicate: (d) => d.qpvStatus === "verified" },
        { filter: { categories: ["nettoyage"], departments: ["93"], verifiedQpvOnly: true }, predicate: (d) => d.categories.includes("nettoyage") && d.departmentCode === "93" && d.qpvStatus === "verified" },
      ];
      for (const { filter, predicate } of cases) {
        it(`filters by ${JSON.stringify(filter)} with an empty query`, async () => {
          const result = await search({ filters: filter, perPage: 100 });
          expect(result.total).toBe(countWhere(predicate));
          expect(result.hits.length).toBe(result.total);
          for (const hit of result.hits) expect(predicate(hit.document)).toBe(true);
        });
      }

      it("combines text and filters", async () => {
        const result = await search({ q: "nettoyage", filters: { communes: ["93048"] } });
        expect(result.total).toBeGreaterThan(0);
        for (const hit of result.hits) expect(hit.document.communeInsee).toBe("93048");
      });

      it("counts facet values over the whole index without filters", async () => {
        const { facets, total } = await search({});
        expect(total).toBe(fixtureDocuments.length);
        expect(facetCount(facets.categories, "nettoyage")).toBe(countWhere((d) => d.categories.includes("nettoyage")));
        expect(facetCount(facets.communes, "93048")).toBe(countWhere((d) => d.communeInsee === "93048"));
        expect(facetCount(facets.labels, "esus")).toBe(countWhere((d) => d.labels.includes("esus")));
        expect(facetCount(facets.qpv, "QN09318M")).toBe(countWhere((d) => d.qpvCode === "QN09318M"));
        expect(facetCount(facets.epcis, "200054781")).toBe(countWhere((d) => d.epciSiren === "200054781"));
        expect(facetCount(facets.departments, "93")).toBe(countWhere((d) => d.departmentCode === "93"));
        expect(facets.verifiedQpv).toBe(countWhere((d) => d.qpvStatus === "verified"));
        const sorted = [...facets.categories].sort((a, b) => b.count - a.count);
        expect(facets.categories.map((f) => f.count)).toEqual(sorted.map((f) => f.count));
      });

      it("labels facet values for people", async () => {
        const { facets } = await search({});
        expect(facets.departments.find((f) => f.value === "93")?.label).toBe("93 — Seine-Saint-Denis");
        expect(facets.communes.find((f) => f.value === "93048")?.label).toBe("Montreuil (93100)");
        expect(facets.categories.find((f) => f.value === "nettoyage")?.label).toBe("Nettoyage et propreté");
        expect(facets.labels.find((f) => f.value === "esus")?.label).toBe("Entreprise solidaire d'utilité sociale (ESUS)");
        expect(facets.qpv.find((f) => f.value === "QN09318M")?.label).toBe("Bel Air - Grands Pêchers - Ruffins - Le Morillon");
      });

      it("counts a facet with the other filters only (disjunctive)", async () => {
        const filters: SearchFilters = { categories: ["nettoyage"], communes: ["93048"] };
        const { facets, total } = await search({ filters });
        expect(total).toBe(countWhere((d) => d.categories.includes("nettoyage") && d.communeInsee === "93048"));
        // Categories are counted in Montreuil, whatever category is ticked.
        expect(facetCount(facets.categories, "restauration-traiteur")).toBe(
          countWhere((d) => d.categories.includes("restauration-traiteur") && d.communeInsee === "93048"),
        );
        // Communes are counted among cleaning firms, whatever commune is ticked.
        expect(facetCount(facets.communes, "93006")).toBe(countWhere((d) => d.categories.includes("nettoyage") && d.communeInsee === "93006"));
        // Other facets get every filter.
        expect(facetCount(facets.labels, "siae-ei")).toBe(
          countWhere((d) => d.categories.includes("nettoyage") && d.communeInsee === "93048" && d.labels.includes("siae-ei")),
        );
        expect(facets.verifiedQpv).toBe(countWhere((d) => d.categories.includes("nettoyage") && d.communeInsee === "93048" && d.qpvStatus === "verified"));
      });

      it("counts facets over the text matches", async () => {
        const { facets } = await search({ q: "traiteur" });
        expect(facetCount(facets.categories, "restauration-traiteur")).toBe(countWhere((d) => d.categories.includes("restauration-traiteur")));
        expect(facetCount(facets.categories, "nettoyage")).toBeUndefined();
      });

      it("keeps a selected value in its facet even with no match", async () => {
        const { facets, total } = await search({ q: "imprimerie", filters: { communes: ["69388"] } });
        expect(total).toBe(0);
        expect(facets.communes.find((f) => f.value === "69388")).toMatchObject({ count: 0 });
      });

      it("skips facets when asked", async () => {
        const result = await search({ q: "nettoyage", facets: false });
        expect(result.total).toBeGreaterThan(0);
        expect(result.facets.categories).toEqual([]);
      });
    });

    describe("geography and sorting", () => {
      it("keeps only suppliers within the radius, with their distance", async () => {
        const result = await search({ near: { ...montreuil, radiusKm: 5 }, perPage: 100 });
        const expected = fixtureDocuments.filter((d) => d.lat !== null && d.lon !== null && haversineKm(montreuil, { lat: d.lat, lon: d.lon }) <= 5);
        expect(result.total).toBe(expected.length);
        expect(names(result)).not.toContain("Hygiène Plus Lyon");
        expect(names(result)).toContain("Nettoyage Écologique de Vincennes");
        for (const hit of result.hits) expect(hit.distanceKm).not.toBeNull();
        for (const hit of result.hits) expect(hit.distanceKm!).toBeLessThanOrEqual(5.05);
      });

      it("sorts by distance, nearest first", async () => {
        const result = await search({ q: "nettoyage", near: { ...montreuil, radiusKm: 1000 }, sort: "distance", perPage: 100 });
        const distances = result.hits.map((h) => h.distanceKm ?? Infinity);
        expect(distances).toEqual([...distances].sort((a, b) => a - b));
        expect(result.hits[0]?.document.communeName).toBe("Montreuil");
        expect(result.hits.at(-1)?.document.name).toBe("Net Marseille Services");
      });

      it("sorts by creation date, newest first", async () => {
        const result = await search({ sort: "newest", perPage: 100 });
        const dates = result.hits.map((h) => h.document.createdAt);
        expect(dates).toEqual([...dates].sort().reverse());
        expect(result.total).toBe(fixtureDocuments.length);
      });
    });

    describe("pagination", () => {
      it("walks every result once, with a stable total", async () => {
        const perPage = 7;
        const first = await search({ perPage });
        expect(first.pages).toBe(Math.ceil(fixtureDocuments.length / perPage));
        const seen: string[] = [];
        for (let page = 1; page <= first.pages; page++) {
          const result = await search({ perPage, page });
          expect(result.total).toBe(first.total);
          expect(result.page).toBe(page);
          seen.push(...result.hits.map((h) => h.document.id));
        }
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.length).toBe(fixtureDocuments.length);
      });

      it("pages text results without duplicates", async () => {
        const all = await search({ q: "bureaux", perPage: 100 });
        const seen: string[] = [];
        for (let page = 1; page <= Math.ceil(all.total / 3); page++) seen.push(...(await search({ q: "bureaux", perPage: 3, page })).hits.map((h) => h.document.id));
        expect(seen).toEqual(all.hits.map((h) => h.document.id));
      });

      it("returns an empty page past the end", async () => {
        const result = await search({ page: 99 });
        expect(result.hits).toEqual([]);
        expect(result.total).toBe(fixtureDocuments.length);
      });
    });

    describe("index updates", () => {
      it("re-indexing a document replaces it", async () => {
        const doc = fixtureByName("Atelier Reprographie Montreuil");
        await engine.index([{ ...doc, name: "Atelier Sérigraphie Montreuil", description: "Sérigraphie sur textile et affiches." }]);
        expect(await engine.count()).toBe(fixtureDocuments.length);
        const result = await search({ q: "serigraphie" });
        expect(result.hits.filter((h) => h.document.id === doc.id)).toHaveLength(1);
        expect(names(await search({ q: "reprographie montreuil" }))).not.toContain("Atelier Reprographie Montreuil");
      });

      it("a removed document disappears from results and counts", async () => {
        const doc = fixtureByName("Nettoyage Diallo & Fils");
        await engine.remove([doc.id]);
        expect(await engine.count()).toBe(fixtureDocuments.length - 1);
        expect(names(await search({ q: "diallo" }))).not.toContain(doc.name);
        const { facets } = await search({});
        expect(facetCount(facets.communes, "93048")).toBe(countWhere((d) => d.communeInsee === "93048") - 1);
      });

      it("clear empties the index", async () => {
        await engine.clear();
        expect(await engine.count()).toBe(0);
        expect((await search({})).total).toBe(0);
      });
    });
  });
}
