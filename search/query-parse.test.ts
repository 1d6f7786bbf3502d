import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { directoryParams, parseDirectoryParams, removableFilters, toSearchQuery } from "./query-parse";

const parse = (qs: string) => parseDirectoryParams(new URLSearchParams(qs));

describe("parseDirectoryParams", () => {
  it("reads every parameter", () => {
    const state = parse(
      "q=nettoyage+bureaux&categorie=nettoyage&categorie=espaces-verts&qpv=QN09318M&commune=93048&epci=200054781&departement=93&departement=2A&label=esus&qpv_verifie=1&pres_de=93048&rayon_km=10&tri=distance&page=3",
    );
    expect(state).toEqual({
      q: "nettoyage bureaux",
      filters: {
        categories: ["nettoyage", "espaces-verts"],
        qpv: ["QN09318M"],
        communes: ["93048"],
        epcis: ["200054781"],
        departments: ["93", "2A"],
        labels: ["esus"],
        verifiedQpvOnly: true,
      },
      near: { insee: "93048", radiusKm: 10 },
      sort: "distance",
      page: 3,
    });
  });

  it.each([
    ["categorie=Nettoyage!", "filters", {}],
    ["commune=abc", "filters", {}],
    ["departement=999999", "filters", {}],
    ["qpv_verifie=oui", "filters", {}],
    ["page=0", "page", 1],
    ["page=-2", "page", 1],
    ["page=1e9", "page", 1],
    ["page=abc", "page", 1],
    ["tri=prix", "sort", "relevance"],
    ["tri=distance", "sort", "relevance"],
    ["pres_de=Montreuil", "near", null],
    ["pres_de=93048&rayon_km=-5", "near", { insee: "93048", radiusKm: null }],
  ] as const)("drops the invalid value in %s", (qs, key, expected) => {
    expect(parse(qs)[key]).toEqual(expected);
  });

  it("trims and bounds the text, dedupes values", () => {
    const state = parse(`q=${encodeURIComponent("  a   b ")}&categorie=x&categorie=x`);
    expect(state.q).toBe("a b");
    expect(state.filters.categories).toEqual(["x"]);
    expect(parse(`q=${"a".repeat(500)}`).q).toHaveLength(200);
  });

  it("never throws, whatever the query string", () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom("q", "categorie", "commune", "page", "tri", "pres_de", "rayon_km", "qpv_verifie", "x"), fc.string())), (pairs) => {
        const params = new URLSearchParams(pairs);
        const state = parseDirectoryParams(params);
        expect(state.page).toBeGreaterThanOrEqual(1);
      }),
    );
  });
});

describe("directoryParams", () => {
  it("round-trips any parsed state", () => {
    const qs = fc.array(
      fc.oneof(
        fc.constantFrom("categorie=nettoyage", "categorie=imprimerie", "commune=93048", "departement=93", "label=esus", "qpv=QN09318M", "epci=200054781"),
        fc.constantFrom("qpv_verifie=1", "pres_de=93006", "rayon_km=5", "tri=recent", "tri=distance", "page=2", "q=traiteur"),
      ),
    );
    fc.assert(
      fc.property(qs, (parts) => {
        const state = parse(parts.join("&"));
        expect(parseDirectoryParams(directoryParams(state))).toEqual(state);
      }),
    );
  });

  it("leaves defaults out of the URL", () => {
    expect(directoryParams(parse("tri=pertinence&page=1")).toString()).toBe("");
  });
});

describe("toSearchQuery", () => {
  it("adds the commune's coordinates and radius", () => {
    const state = parse("pres_de=93048&rayon_km=5&tri=distance");
    expect(toSearchQuery(state, { lat: 48.86, lon: 2.44 })).toMatchObject({ near: { lat: 48.86, lon: 2.44, radiusKm: 5 }, sort: "distance" });
  });

  it("falls back to relevance when the commune is unknown", () => {
    const query = toSearchQuery(parse("pres_de=99999&tri=distance"), null);
    expect(query.near).toBeUndefined();
    expect(query.sort).toBe("relevance");
  });
});

describe("removableFilters", () => {
  it("gives, for each active filter, the URL without it and back on page 1", () => {
    const state = parse("q=traiteur&categorie=restauration-traiteur&commune=69388&page=2");
    const removals = removableFilters(state);
    expect(removals.map((r) => `${r.param}=${r.value}`)).toEqual(["categorie=restauration-traiteur", "commune=69388", "q=traiteur"]);
    expect(removals[1]!.params.toString()).toBe("q=traiteur&categorie=restauration-traiteur");
  });
});
