import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../db/connection";
import { runSearchContract } from "./contract";
import { fixtureByName, fixtureDocuments } from "./fixtures";
import { createPostgresEngine } from "./postgres-engine";
import type { SearchEngine } from "./types";

runSearchContract(process.env.DATABASE_URL ? "postgres engine on PostgreSQL" : "postgres engine on PGlite", async () => createPostgresEngine(db));

// Each process holds its own in-memory copy of the index: a write made through one engine (the
// worker's) must reach the copy of another (the web server's) at its next search.
describe("postgres engine: in-memory copies of several processes", () => {
  let writer: SearchEngine;
  let reader: SearchEngine;
  const names = async (engine: SearchEngine, q: string) => (await engine.search({ q })).hits.map((h) => h.document.name);

  beforeAll(async () => {
    writer = createPostgresEngine(db);
    reader = createPostgresEngine(db);
    await writer.clear();
    await writer.index([...fixtureDocuments]);
  });

  it("sees documents indexed by another process", async () => {
    expect((await reader.search({})).total).toBe(fixtureDocuments.length);
    expect(await names(reader, "imprimerie")).toContain("Imprimerie Moderne du 93");
  });

  it("sees a document changed by another process, and no longer finds it by its old words", async () => {
    const doc = fixtureByName("Imprimerie Moderne du 93");
    const changed = { ...doc, name: "Atelier Sérigraphie", legalName: "ATELIER SERIGRAPHIE", description: "Sérigraphie sur textile.", services: [], categories: ["nettoyage"], categoryLabels: ["Nettoyage"] };
    await writer.index([changed]);
    expect(await names(reader, "sérigraphie")).toContain("Atelier Sérigraphie");
    // The copy caught up change by change answers as one loaded afresh.
    for (const q of ["imprimerie moderne", "imprimerie", "sérigraphie textile", "nettoyage montreuil"]) {
      expect(await reader.search({ q })).toEqual(await createPostgresEngine(db).search({ q }));
    }
    const nettoyage = (await reader.search({ filters: { categories: ["nettoyage"] } })).hits.map((h) => h.document.id);
    expect(nettoyage).toContain(doc.id);
    expect((await reader.search({})).total).toBe(fixtureDocuments.length);
  });

  it("forgets a document removed by another process", async () => {
    const doc = fixtureByName("Nettoyage Diallo & Fils");
    await writer.remove([doc.id]);
    expect(await names(reader, "Diallo")).toEqual([]);
    expect((await reader.search({})).total).toBe(fixtureDocuments.length - 1);
  });

  it("starts over after another process clears the index", async () => {
    await writer.clear();
    expect((await reader.search({})).total).toBe(0);
    await writer.index([fixtureByName("Éco-Propreté")]);
    expect(await names(reader, "eco proprete")).toEqual(["Éco-Propreté"]);
  });

  it("loads documents written before the revision log existed (revision 0, sequence never used)", async () => {
    await writer.clear();
    await writer.index([...fixtureDocuments]);
    await db.execute(sql`UPDATE search_documents SET revision = 0`);
    await db.execute(sql`DELETE FROM search_removals`);
    await db.execute(sql`ALTER SEQUENCE search_revision_seq RESTART`);
    const fresh = createPostgresEngine(db);
    expect((await fresh.search({})).total).toBe(fixtureDocuments.length);
  });
});
