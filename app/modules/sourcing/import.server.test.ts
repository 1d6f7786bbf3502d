import { readFileSync } from "node:fs";
import { count, eq, inArray, sql } from "drizzle-orm";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { clubSuppliers, memberships, organisations, outbox, supplierAuditLog, suppliers, uploads } from "../../../db/schema";
import { createClubRow, createUser } from "../../../db/seed/factories";
import { luhnValid } from "../suppliers/siret";
import { findImportUpload, importSuppliers, mergeImported, previewSupplierImport, pruneImportUploads, saveImportUpload } from "./import.server";
import { getUpload, storeUpload } from "../uploads/uploads.server";
import { DomainError } from "~/lib/errors";

/** A valid SIRET from 13 digits: the Luhn key appended. */
function siretFrom(prefix: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error("unreachable");
}

const HEADER = "siret,raison_sociale,enseigne,type_structure,code_naf,forme_juridique,adresse,code_postal,commune,code_insee_commune,latitude,longitude,site_web,effectif,description,email,telephone";
const utf8 = (lines: string[]) => new TextEncoder().encode(`${lines.join("\n")}\n`);

async function tableCounts() {
  const n = async (table: typeof suppliers | typeof organisations | typeof supplierAuditLog | typeof outbox | typeof clubSuppliers) =>
    (await db.select({ n: count() }).from(table))[0]!.n;
  return { suppliers: await n(suppliers), organisations: await n(organisations), audit: await n(supplierAuditLog), outbox: await n(outbox), links: await n(clubSuppliers) };
}

let clubId = "";
let otherClubId = "";
let animatorId = "";

beforeAll(async () => {
  const animator = await createUser(db, { email: "animatrice@import.example.org" });
  animatorId = animator.id;
  clubId = (await createClubRow(db, { name: "Club Import", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [], animatorIds: [animator.id] })).id;
  otherClubId = (await createClubRow(db, { name: "Club Autre", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [] })).id;
});

describe("importSuppliers on small files", () => {
  const a = siretFrom("1000000000001");
  const b = siretFrom("1000000000002");
  const c = siretFrom("1000000000003");
  const file = utf8([
    HEADER,
    `${a},NET ECLAT MONTREUIL,Net'Éclat,EI,8121Z,SAS,12 rue de Paris,93100,Montreuil,93048,48.86,2.44,net-eclat.example.org,10 à 19 salariés,Nettoyage de bureaux,contact@net-eclat.example.org,01 48 00 00 00`,
    `${b},ASSOCIATION LES JARDINS,,ACI,8899B,Association,1 allée verte,93170,Bagnolet,,,,,,"Entretien d'espaces verts et jardinage",,`,
    `${c},TRAITEUR DU CANAL,Traiteur du Canal,,5621Z,SARL,5 quai,93500,Pantin,93055,,,,,,,`,
    `12345678901234,SIRET FAUX,,EI,8121Z,SAS,,93100,Montreuil,93048,,,,,,,`,
    `${siretFrom("1000000000004")},COMMUNE INCONNUE,,EI,8121Z,SAS,,99999,Nulle-Part,,,,,,,,`,
    `${siretFrom("1000000000005")},NAF INCONNU,,EI,9999Z,SAS,,93100,Montreuil,93048,,,,,,,`,
  ]);

  it("previews without writing anything", async () => {
    const before = await tableCounts();
    const preview = await previewSupplierImport(file);
    expect(preview.summary).toMatchObject({ kept: 3, rejected: 3, merged: 0 });
    expect(preview.existing).toBe(0);
    const reasons = preview.rows.filter((r) => r.errors.length).map((r) => r.errors.join(" ; "));
    expect(reasons).toEqual([
      "SIRET invalide (clé de contrôle)",
      "Commune introuvable (code postal 99999, commune « Nulle-Part »)",
      "Code NAF inconnu : 9999Z",
    ]);
    expect(await tableCounts()).toEqual(before);
  });

  it("creates unclaimed profiles, links them to the club, audits and enqueues each one", async () => {
    const before = await tableCounts();
    const progress: [number, number][] = [];
    const result = await importSuppliers({ bytes: file, clubId, actorId: animatorId, onProgress: (done, total) => void progress.push([done, total]) });
    expect(result).toMatchObject({ created: 3, updated: 0, unchanged: 0, rejected: 3, merged: 0, linked: 3 });
    expect(progress).toEqual([[3, 3]]);
    expect(result.rejectedCsv.split("\r\n")[0]).toContain("motif_rejet");
    expect(result.rejectedCsv).toContain("Code NAF inconnu : 9999Z");
    expect(result.rejectedCsv.split("\r\n").filter(Boolean)).toHaveLength(4);

    const after = await tableCounts();
    expect(after.suppliers - before.suppliers).toBe(3);
    expect(after.organisations - before.organisations).toBe(3);
    expect(after.audit - before.audit).toBe(3);
    expect(after.outbox - before.outbox).toBe(3);
    expect(after.links - before.links).toBe(3);

    const [net] = await db.select().from(suppliers).where(eq(suppliers.siret, a));
    expect(net).toMatchObject({
      legalName: "NET ECLAT MONTREUIL",
      tradeName: "Net'Éclat",
      nafCode: "8121Z",
      communeInsee: "93048",
      lat: 48.86,
      lon: 2.44,
      website: "https://net-eclat.example.org/",
      email: "contact@net-eclat.example.org",
      phone: "+33148000000",
      headcountBand: "10 à 19 salariés",
      claimedAt: null,
      qpvStatus: "none",
      structureTypes: ["EI"],
    });
    expect(net!.labels).toEqual(expect.arrayContaining(["siae-ei", "esus", "ess"]));
    expect(net!.categories).toContain("nettoyage");
    const [org] = await db.select().from(organisations).where(eq(organisations.id, net!.organisationId));
    expect(org).toMatchObject({ kind: "supplier", name: "Net'Éclat", slug: net!.slug });
    expect(await db.select().from(memberships).where(eq(memberships.organisationId, org!.id))).toEqual([]);

    // Found by postal code and name; coordinates from the commune; categories from the text
    // only, since 8899B is a catch-all NAF code.
    const [jardins] = await db.select().from(suppliers).where(eq(suppliers.siret, b));
    expect(jardins).toMatchObject({ communeInsee: "93006", email: null, description: "Entretien d'espaces verts et jardinage" });
    expect(jardins!.lat).toBeCloseTo(48.87, 1);
    expect(jardins!.categories.length).toBeGreaterThan(0);
    const { suggestCategoriesForText } = await import("../suppliers/categories");
    expect(jardins!.categories).toEqual(suggestCategoriesForText("ASSOCIATION LES JARDINS Entretien d'espaces verts et jardinage"));

    const audit = await db.select().from(supplierAuditLog).where(eq(supplierAuditLog.supplierId, net!.id));
    expect(audit).toMatchObject([{ action: "imported", actorId: animatorId, details: { line: 2, clubId } }]);
    const entries = await db.select().from(outbox).where(sql`${outbox.payload}->>'supplierId' = ${net!.id}`);
    expect(entries).toMatchObject([{ kind: "search.supplier_changed" }]);
  });

  it("is idempotent: the same file again changes nothing", async () => {
    const before = await tableCounts();
    const result = await importSuppliers({ bytes: file, clubId, actorId: animatorId });
    expect(result).toMatchObject({ created: 0, updated: 0, unchanged: 3, rejected: 3, linked: 0 });
    expect(await tableCounts()).toEqual(before);
  });

  it("updates only what the file provides, and links an existing profile to another club", async () => {
    const changed = utf8([HEADER, `${c},TRAITEUR DU CANAL,Le Traiteur du Canal,,5621Z,SARL,,93500,Pantin,93055,,,,,Cuisine du monde pour vos événements,bonjour@traiteur.example.org,`]);
    const result = await importSuppliers({ bytes: changed, clubId: otherClubId, actorId: animatorId });
    expect(result).toMatchObject({ created: 0, updated: 1, unchanged: 0, linked: 1 });
    const [row] = await db.select().from(suppliers).where(eq(suppliers.siret, c));
    expect(row).toMatchObject({ tradeName: "Le Traiteur du Canal", address: "5 quai", email: "bonjour@traiteur.example.org", description: "Cuisine du monde pour vos événements" });
    const [org] = await db.select().from(organisations).where(eq(organisations.id, row!.organisationId));
    expect(org!.name).toBe("Le Traiteur du Canal");
    const [audit] = await db.select().from(supplierAuditLog).where(sql`${supplierAuditLog.supplierId} = ${row!.id} AND ${supplierAuditLog.action} = 'import_updated'`);
    expect(audit!.details).toMatchObject({ fields: expect.arrayContaining(["trade_name", "email", "description"]) });
  });

  it("never overwrites what the owner of a claimed profile wrote; only fills empty fields", async () => {
    await db.update(suppliers).set({ claimedAt: new Date(), description: "Notre description", tradeName: "Canal Traiteur", phone: null }).where(eq(suppliers.siret, c));
    const again = utf8([HEADER, `${c},TRAITEUR DU CANAL,Autre Nom,,5621Z,SARL,,93500,Pantin,93055,,,,,Autre description,autre@traiteur.example.org,0601020304`]);
    const result = await importSuppliers({ bytes: again, actorId: animatorId });
    expect(result).toMatchObject({ updated: 1 });
    const [row] = await db.select().from(suppliers).where(eq(suppliers.siret, c));
    expect(row).toMatchObject({ tradeName: "Canal Traiteur", description: "Notre description", email: "bonjour@traiteur.example.org", phone: "+33601020304" });
    const [org] = await db.select().from(organisations).where(eq(organisations.id, row!.organisationId));
    expect(org!.name).toBe("Le Traiteur du Canal");
  });

  it("reads Windows-1252 files with ';' and merges a SIRET that appears twice", async () => {
    const d = siretFrom("1000000000006");
    const text = [
      HEADER.replace(/,/g, ";"),
      `${d};SOCIÉTÉ ÉCLAT;Éclat Propreté;EI;8121Z;SAS;3 rue Édouard Vaillant;93170;Bagnolet;93006;;;;;Ménage et vitrerie;;`,
      `${d};SOCIÉTÉ ÉCLAT;Éclat Propreté;ACI;8121Z;SAS;3 rue Édouard Vaillant;93170;Bagnolet;93006;;;;;Ménage et vitrerie;;`,
    ].join("\r\n");
    const bytes = new Uint8Array(iconv.encode(text, "windows-1252"));
    expect(() => new TextDecoder("utf-8", { fatal: true }).decode(bytes)).toThrow();
    const result = await importSuppliers({ bytes, clubId });
    expect(result).toMatchObject({ created: 1, merged: 1, rejected: 0 });
    const [row] = await db.select().from(suppliers).where(eq(suppliers.siret, d));
    expect(row).toMatchObject({ legalName: "SOCIÉTÉ ÉCLAT", tradeName: "Éclat Propreté", address: "3 rue Édouard Vaillant" });
    expect(row!.structureTypes.sort()).toEqual(["ACI", "EI"]);
    expect(row!.labels).toEqual(expect.arrayContaining(["siae-ei", "siae-aci"]));
  });

  it("gives distinct slugs to homonyms", async () => {
    const lines = [HEADER, ...["1000000000007", "1000000000008"].map((p) => `${siretFrom(p)},HOMONYME,,,,,,93100,Montreuil,93048,,,,,,,`)];
    await importSuppliers({ bytes: utf8(lines) });
    const rows = await db.select({ slug: suppliers.slug }).from(suppliers).where(eq(suppliers.legalName, "HOMONYME"));
    expect(rows.map((r) => r.slug).sort()).toEqual(["homonyme", "homonyme-2"]);
  });

  it("writes nothing when the import fails midway", async () => {
    const before = await tableCounts();
    const fresh = utf8([HEADER, ...["1000000000010", "1000000000011"].map((p) => `${siretFrom(p)},ROLLBACK ${p},,EI,8121Z,SAS,,93100,Montreuil,93048,,,,,,,`)]);
    await expect(
      importSuppliers({
        bytes: fresh,
        clubId,
        onProgress: () => {
          throw new Error("coupure");
        },
      }),
    ).rejects.toThrow("coupure");
    expect(await tableCounts()).toEqual(before);
  });

  it("refuses a file without the required columns, in French", async () => {
    const error = await importSuppliers({ bytes: utf8(["nom,ville", "A,B"]) }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).message).toMatch(/Colonne obligatoire manquante : siret/);
  });

  it("refuses an unknown club", async () => {
    await expect(importSuppliers({ bytes: file, clubId: "00000000-0000-4000-8000-000000000000" })).rejects.toThrow("Ce club n'existe pas.");
  });
});

describe("mergeImported", () => {
  const base = {
    legal_name: "A",
    trade_name: null,
    legal_form: null,
    naf_code: "8121Z",
    headcount_band: null,
    description: "",
    categories: ["nettoyage"],
    labels: ["ess"],
    structure_types: ["EI"],
    website: null,
    email: null,
    phone: null,
    address: "1 rue",
    commune_insee: "93048",
    lat: 1,
    lon: 2,
  };
  it("keeps an unclaimed profile's place unless the file gives coordinates or the commune changes", () => {
    expect(mergeImported(base, { ...base, lat: 5, lon: 6 }, { claimed: false, fileCoordinates: false }).changed).toEqual([]);
    expect(mergeImported(base, { ...base, lat: 5, lon: 6 }, { claimed: false, fileCoordinates: true }).changed).toEqual(["lat", "lon"]);
    expect(mergeImported(base, { ...base, commune_insee: "93006", lat: 5, lon: 6 }, { claimed: false, fileCoordinates: false }).changed).toEqual(["commune_insee", "lat", "lon"]);
  });
  it("accumulates labels on an unclaimed profile and leaves a claimed one's alone", () => {
    expect(mergeImported(base, { ...base, labels: ["esus"] }, { claimed: false, fileCoordinates: false }).next.labels).toEqual(["ess", "esus"]);
    expect(mergeImported(base, { ...base, labels: ["esus"], address: "2 rue" }, { claimed: true, fileCoordinates: true }).changed).toEqual([]);
  });
});

describe("import uploads", () => {
  it("keeps the file for the club that uploaded it only", async () => {
    const id = await saveImportUpload({ clubId, filename: "fournisseurs.csv", bytes: utf8([HEADER]) });
    expect((await findImportUpload({ clubId, uploadId: id }))?.filename).toBe("fournisseurs.csv");
    expect(await findImportUpload({ clubId: otherClubId, uploadId: id })).toBeUndefined();
    expect(await findImportUpload({ clubId, uploadId: "pas-un-uuid" })).toBeUndefined();
    await expect(saveImportUpload({ clubId, filename: "vide.csv", bytes: new Uint8Array() })).rejects.toThrow("Le fichier est vide.");
  });

  it("deletes import files a week old, and nothing else", async () => {
    const old = await saveImportUpload({ clubId, filename: "ancien.csv", bytes: utf8([HEADER]) });
    const recent = await saveImportUpload({ clubId, filename: "recent.csv", bytes: utf8([HEADER]) });
    const logo = await storeUpload(db, { organisationId: clubId, kind: "logo", mime: "image/png", bytes: new Uint8Array([1, 2, 3]) });
    const now = new Date();
    const eightDaysAgo = new Date(now.getTime() - 8 * 86_400_000);
    await db.update(uploads).set({ createdAt: eightDaysAgo }).where(inArray(uploads.id, [old, logo]));
    expect(await pruneImportUploads(now)).toBeGreaterThanOrEqual(1);
    expect(await findImportUpload({ clubId, uploadId: old })).toBeUndefined();
    expect(await findImportUpload({ clubId, uploadId: recent })).toBeDefined();
    expect(await getUpload(logo)).toBeDefined();
  });
});

describe("the real SIAE file (db/data/suppliers-siae.csv, 3,853 rows)", () => {
  const bytes = new Uint8Array(readFileSync("db/data/suppliers-siae.csv"));

  it("imports every row with a valid SIRET and a commune, well under a minute, then changes nothing", async () => {
    const started = performance.now();
    const first = await importSuppliers({ bytes, clubId: otherClubId, actorId: animatorId });
    const firstMs = performance.now() - started;
    const restarted = performance.now();
    const second = await importSuppliers({ bytes, clubId: otherClubId, actorId: animatorId });
    const secondMs = performance.now() - restarted;
    console.info(
      `suppliers-siae.csv : 1er import ${Math.round(firstMs)} ms (${first.created} créées, ${first.updated} mises à jour, ${first.rejected} rejetées, ${first.merged} doublons) ; ` +
        `2e import ${Math.round(secondMs)} ms (${second.unchanged} inchangées)`,
    );
    // 3,853 rows: 30 rejected (13 bad SIRET, 19 communes not found, 1 unknown NAF; some rows
    // have two reasons), 12 earlier lines of a duplicated SIRET merged into their last line.
    expect(first.created + first.updated + first.unchanged).toBe(3811);
    expect(first.rejected).toBe(30);
    expect(first.merged).toBe(12);
    expect(first.rejectionReasons).toMatchObject({ "SIRET invalide": 13, "Commune introuvable": 19, "Code NAF inconnu": 1 });
    expect(first.rejectedCsv.trim().split("\r\n")).toHaveLength(31);
    expect(second).toMatchObject({ created: 0, updated: 0, unchanged: 3811, linked: 0 });
    expect(firstMs).toBeLessThan(60_000);
  }, 120_000);
});
