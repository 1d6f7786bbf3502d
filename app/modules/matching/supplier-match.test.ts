// supplier_match (migration 0015) is written by triggers only: every write path of a supplier, of
// its services and of its search document must leave it in step, or the ranking would drift.
import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { rows } from "../../../db/client";
import { db } from "../../../db/connection";
import { organisations, supplierMatch, supplierServices, suppliers } from "../../../db/schema";
import { resetApplicationData, seedDemo } from "../../../db/seed/demo";
import { createClubRow, createUser } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { getSearchEngine } from "../../../search";
import { importSuppliers } from "../sourcing/import.server";
import { luhnValid } from "../suppliers/siret";
import { syncSupplierToIndex } from "../suppliers/index-sync.server";
import { updateSupplierProfile } from "../suppliers/profile.server";
import { ProfileSchema } from "../suppliers/schemas";
import { supplierMatchDrift } from "./matching.server";

async function lexemesOf(supplierId: string): Promise<string[]> {
  const [row] = await rows<{ lexemes: string[] }>(db, sql`SELECT tsvector_to_array(text_vector) AS lexemes FROM supplier_match WHERE supplier_id = ${supplierId}`);
  return row?.lexemes ?? [];
}

async function matchRow(supplierId: string) {
  const [row] = await db.select().from(supplierMatch).where(eq(supplierMatch.supplierId, supplierId));
  return row;
}

function siretFrom(prefix: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error("unreachable");
}

describe("supplier_match", () => {
  it("follows a profile through creation, edits, services, its search document and deletion", async () => {
    const owner = await createUser(db, { email: "owner@supplier-match.example.org" });
    const supplier = await createSupplierRow(db, { legalName: "Jardins du Canal", categories: ["espaces-verts"], description: "Tonte et taille", ownerId: owner.id });
    expect(await matchRow(supplier.id)).toMatchObject({ categories: ["espaces-verts"], department: "93", zoneKind: "radius" });
    expect(await lexemesOf(supplier.id)).toEqual(expect.arrayContaining(["jardin", "tont"]));

    // The profile form: categories, place, zone, labels and services in one transaction.
    const profile = ProfileSchema.parse({
      legalName: "Jardins du Canal",
      description: "Entretien d'espaces verts",
      categories: ["espaces-verts", "nettoyage"],
      labels: ["esus"],
      nafCode: "81.30Z",
      services: [{ title: "Élagage", description: "Arbres d'alignement" }],
      commune: "Lyon (69001)",
      zoneKind: "departments",
      zoneDepartments: "69, 01",
    });
    await updateSupplierProfile({ supplierId: supplier.id, actorId: owner.id, profile });
    expect(await matchRow(supplier.id)).toMatchObject({
      categories: ["espaces-verts", "nettoyage"],
      labels: ["esus"],
      nafCode: "8130Z",
      department: "69",
      zoneKind: "departments",
      zoneDepartments: ["69", "01"],
    });
    // Not indexed yet: the vector built on the fly, services included.
    expect(await lexemesOf(supplier.id)).toEqual(expect.arrayContaining(["elagag", "arbre"]));
    expect(await lexemesOf(supplier.id)).not.toContain("tont");
    await db.update(supplierServices).set({ title: "Débroussaillage" }).where(eq(supplierServices.supplierId, supplier.id));
    expect(await lexemesOf(supplier.id)).toContain("debroussaillag");
    await db.delete(supplierServices).where(eq(supplierServices.supplierId, supplier.id));
    expect(await lexemesOf(supplier.id)).not.toContain("debroussaillag");
    expect(await supplierMatchDrift(db)).toEqual([]);
    // A write that changes nothing the matching reads leaves the row alone (no new row version).
    const version = async () => (await rows<{ v: string }>(db, sql`SELECT xmin::text AS v FROM supplier_match WHERE supplier_id = ${supplier.id}`))[0]?.v;
    const before = await version();
    await db.update(suppliers).set({ claimedAt: new Date(), updatedAt: new Date() }).where(eq(suppliers.id, supplier.id));
    expect(await version()).toBe(before);

    // Indexed by the search engine: its vector; removed or cleared: back to the one built on the fly.
    await syncSupplierToIndex(supplier.id);
    const [indexed] = await rows<{ same: boolean }>(
      db,
      sql`SELECT m.text_vector = sd.search_vector AS same FROM supplier_match m JOIN search_documents sd ON sd.id = m.supplier_id WHERE m.supplier_id = ${supplier.id}`,
    );
    expect(indexed?.same).toBe(true);
    expect(await supplierMatchDrift(db)).toEqual([]);
    await getSearchEngine().remove([supplier.id]);
    expect(await supplierMatchDrift(db)).toEqual([]);
    await syncSupplierToIndex(supplier.id);
    await getSearchEngine().clear();
    expect(await supplierMatchDrift(db)).toEqual([]);

    await db.delete(suppliers).where(eq(suppliers.id, supplier.id));
    expect(await matchRow(supplier.id)).toBeUndefined();
    const other = await createSupplierRow(db, { categories: ["nettoyage"] });
    await db.delete(organisations).where(eq(organisations.id, other.organisationId));
    expect(await matchRow(other.id)).toBeUndefined();
    expect(await supplierMatchDrift(db)).toEqual([]);

    // The check itself sees a row out of step.
    const third = await createSupplierRow(db, { categories: ["nettoyage"] });
    await db.execute(sql`UPDATE supplier_match SET text_vector = to_tsvector('french', 'autre chose') WHERE supplier_id = ${third.id}`);
    expect(await supplierMatchDrift(db)).toEqual([third.id]);
    await db.delete(suppliers).where(eq(suppliers.id, third.id));
  });

  it("follows an import, a re-import that changes rows, and a reset with the demo seed", async () => {
    const animator = await createUser(db, { email: "animatrice@supplier-match.example.org" });
    const clubId = (await createClubRow(db, { name: "Club Match", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [], animatorIds: [animator.id] })).id;
    const header = "siret,raison_sociale,enseigne,type_structure,code_naf,forme_juridique,adresse,code_postal,commune,code_insee_commune,latitude,longitude,site_web,effectif,description,email,telephone";
    const a = siretFrom("2000000000001");
    const b = siretFrom("2000000000002");
    const file = (description: string) =>
      new TextEncoder().encode(
        [
          header,
          `${a},NET ECLAT MONTREUIL,Net'Éclat,EI,8121Z,SAS,12 rue de Paris,93100,Montreuil,93048,48.86,2.44,,,${description},,`,
          `${b},TRAITEUR DU CANAL,Traiteur du Canal,,5621Z,SARL,5 quai,93500,Pantin,93055,,,,,,,`,
          "",
        ].join("\n"),
      );
    await importSuppliers({ bytes: file("Nettoyage de bureaux"), clubId, actorId: animator.id });
    const [imported] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.siret, a));
    expect(await matchRow(imported!.id)).toMatchObject({ nafCode: "8121Z", department: "93", lat: 48.86 });
    expect(await lexemesOf(imported!.id)).toContain("bureau");
    expect(await supplierMatchDrift(db)).toEqual([]);
    await importSuppliers({ bytes: file("Vitrerie en hauteur"), clubId, actorId: animator.id });
    expect(await lexemesOf(imported!.id)).toContain("vitrer");
    expect(await supplierMatchDrift(db)).toEqual([]);

    await resetApplicationData(db);
    expect(await db.select().from(supplierMatch)).toEqual([]);
    await seedDemo(db);
    const [counts] = await rows<{ suppliers: number; matched: number }>(
      db,
      sql`SELECT (SELECT count(*) FROM suppliers)::int AS suppliers, (SELECT count(*) FROM supplier_match)::int AS matched`,
    );
    expect(counts!.suppliers).toBeGreaterThan(0);
    expect(counts!.matched).toBe(counts!.suppliers);
    expect(await supplierMatchDrift(db)).toEqual([]);
  });
});
