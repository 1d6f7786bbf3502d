import { describe, expect, it, beforeAll } from "vitest";
import { db } from "../db/connection";
import { fixtureDocuments } from "./fixtures";
import { createPostgresEngine } from "./postgres-engine";
import { searchDirectory } from "./service";

const engine = createPostgresEngine(db);

beforeAll(async () => {
  await engine.clear();
  await engine.index([...fixtureDocuments]);
});

describe("searchDirectory", () => {
  it("searches from URL parameters, resolving the commune to a point", async () => {
    const { state, result, nearCommune } = await searchDirectory(engine, db, new URLSearchParams("q=nettoyage&pres_de=93048&rayon_km=5&tri=distance"));
    expect(state.sort).toBe("distance");
    expect(nearCommune?.name).toBe("Montreuil");
    expect(result.total).toBeGreaterThan(0);
    for (const hit of result.hits) expect(hit.distanceKm!).toBeLessThanOrEqual(5.05);
  });

  it("suggests the filters whose removal brings results back", async () => {
    const { result, suggestions } = await searchDirectory(engine, db, new URLSearchParams("q=imprimerie&commune=69388"));
    expect(result.total).toBe(0);
    // Without the commune: the three printers; without the text: the two firms in Lyon 8e.
    expect(suggestions.map((s) => [s.param, s.params.toString(), s.total])).toEqual([
      ["commune", "q=imprimerie", 3],
      ["q", "commune=69388", 2],
    ]);
  });

  it("ignores an unknown commune instead of failing", async () => {
    const { result, nearCommune } = await searchDirectory(engine, db, new URLSearchParams("pres_de=99999&rayon_km=5"));
    expect(nearCommune).toBeNull();
    expect(result.total).toBe(fixtureDocuments.length);
  });
});
