import { afterAll, describe, expect, it } from "vitest";
import { runSearchContract } from "./contract";
import { fixtureByName } from "./fixtures";
import type { FacetDistribution } from "meilisearch";
import { buildFilter, buildQueries, createMeilisearchEngine, mapResults, meiliSettings, POST_TAG, PRE_TAG, quote, toMeiliDocument } from "./meilisearch-engine";

const url = process.env.MEILISEARCH_URL;

if (url) {
  // A throw-away index per run, so a shared server is never touched.
  const indexUid = `suppliers_contract_${process.pid}`;
  runSearchContract("meilisearch engine", async () => createMeilisearchEngine({ url, apiKey: process.env.MEILISEARCH_KEY, indexUid }));
  afterAll(async () => {
    const { Meilisearch } = await import("meilisearch");
    await new Meilisearch({ host: url, apiKey: process.env.MEILISEARCH_KEY }).deleteIndex(indexUid).waitTask();
  });
} else {
  describe("search contract: meilisearch engine", () => {
    it("is skipped because MEILISEARCH_URL is not set", () => {
      console.info("Meilisearch contract suite skipped: MEILISEARCH_URL is not set (no Meilisearch server can run on this machine)");
      expect(process.env.MEILISEARCH_URL).toBeUndefined();
    });
  });
}

describe("meilisearch settings", () => {
  it("searches the name first and can filter, facet and sort on what the engine needs", () => {
    expect(meiliSettings.searchableAttributes?.[0]).toBe("name");
    expect(meiliSettings.searchableAttributes?.indexOf("description")).toBeGreaterThan(meiliSettings.searchableAttributes!.indexOf("services"));
    expect(meiliSettings.filterableAttributes).toEqual(expect.arrayContaining(["categories", "labels", "qpvCode", "communeInsee", "epciSiren", "departmentCode", "qpvStatus", "_geo", "categoriesFacet"]));
    expect(meiliSettings.sortableAttributes).toEqual(expect.arrayContaining(["createdAtTs", "_geo"]));
    expect(meiliSettings.typoTolerance).toMatchObject({ enabled: true });
  });
});

describe("meilisearch documents", () => {
  it("adds _geo, a numeric date and labelled facet values", () => {
    const doc = fixtureByName("Éco-Propreté");
    const meili = toMeiliDocument(doc);
    expect(meili._geo).toEqual({ lat: doc.lat, lng: doc.lon });
    expect(meili.createdAtTs).toBe(Date.parse(doc.createdAt));
    expect(meili.departmentsFacet).toEqual(["93\u001f93 — Seine-Saint-Denis"]);
    expect(meili.communesFacet).toEqual(["93048\u001fMontreuil (93100)"]);
  });

  it("has no _geo without coordinates", () => {
    expect(toMeiliDocument({ ...fixtureByName("Éco-Propreté"), lat: null, lon: null })._geo).toBeNull();
  });
});

describe("meilisearch filters", () => {
  it("quotes and escapes values", () => {
    expect(quote('a "b" \\ c')).toBe('"a \\"b\\" \\\\ c"');
    expect(buildFilter({ filters: { categories: ['x" OR 1=1'] } })).toBe('categories IN ["x\\" OR 1=1"]');
  });

  it("joins filters with AND, within a facet with IN, and adds the radius in metres", () => {
    const filter = buildFilter({ filters: { categories: ["nettoyage", "imprimerie"], departments: ["93"], verifiedQpvOnly: true }, near: { lat: 48.86, lon: 2.44, radiusKm: 5 } });
    expect(filter).toBe('categories IN ["nettoyage", "imprimerie"] AND departmentCode IN ["93"] AND qpvStatus = "verified" AND _geoRadius(48.86, 2.44, 5000)');
  });

  it("leaves out one facet's own filter for its counts", () => {
    expect(buildFilter({ filters: { categories: ["nettoyage"], communes: ["93048"] } }, "categories")).toBe('communeInsee IN ["93048"]');
  });

  it("asks one count-only query per selected facet", () => {
    const queries = buildQueries({ q: "net", filters: { categories: ["nettoyage"], verifiedQpvOnly: true }, sort: "newest" }, "suppliers");
    expect(queries).toHaveLength(3);
    expect(queries[0]).toMatchObject({ q: "net", sort: ["createdAtTs:desc"], page: 1, hitsPerPage: 20 });
    expect(queries[0]!.facets).not.toContain("categoriesFacet");
    expect(queries[1]).toMatchObject({ facets: ["categoriesFacet"], hitsPerPage: 0, filter: 'qpvStatus = "verified"' });
    expect(queries[2]).toMatchObject({ facets: ["qpvStatus"], filter: 'categories IN ["nettoyage"]' });
  });
});

describe("meilisearch results", () => {
  // The shape of a real multi-search answer (Meilisearch 1.x), trimmed to what the mapping reads.
  const doc = toMeiliDocument(fixtureByName("Nettoyage Diallo & Fils"));
  const recorded = [
    {
      indexUid: "suppliers",
      hits: [{ ...doc, _rankingScore: 0.93, _formatted: { name: `${PRE_TAG}Nettoyage${POST_TAG} Diallo & Fils`, description: "Entretien de bureaux…" } }],
      query: "nettoyage",
      processingTimeMs: 1,
      hitsPerPage: 20,
      page: 1,
      totalPages: 1,
      totalHits: 1,
      facetDistribution: { communesFacet: { "93048\u001fMontreuil (93100)": 1 }, qpvStatus: { declared: 1 } } as FacetDistribution,
    },
    { indexUid: "suppliers", hits: [], query: "nettoyage", processingTimeMs: 1, hitsPerPage: 0, page: 1, totalPages: 0, totalHits: 3, facetDistribution: { categoriesFacet: { "nettoyage\u001fNettoyage et propreté": 3 } } as FacetDistribution },
  ];

  it("maps hits, highlights, distance, facets and totals", () => {
    const result = mapResults({ q: "nettoyage", filters: { categories: ["nettoyage"] }, near: { lat: 48.8633, lon: 2.4482 } }, recorded);
    expect(result.engine).toBe("meilisearch");
    expect(result.total).toBe(1);
    expect(result.pages).toBe(1);
    const hit = result.hits[0]!;
    expect(hit.document).toEqual(fixtureByName("Nettoyage Diallo & Fils"));
    expect(hit.score).toBe(0.93);
    expect(hit.distanceKm).toBeLessThan(0.1);
    expect(hit.highlights.name).toEqual([{ text: "Nettoyage", match: true }, { text: " Diallo & Fils", match: false }]);
    expect(result.facets.categories).toEqual([{ value: "nettoyage", label: "Nettoyage et propreté", count: 3 }]);
    expect(result.facets.communes).toEqual([{ value: "93048", label: "Montreuil (93100)", count: 1 }]);
    expect(result.facets.verifiedQpv).toBe(0);
  });
});
