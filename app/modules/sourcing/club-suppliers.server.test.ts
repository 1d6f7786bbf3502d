import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { qpvs, supplierServices, suppliers } from "../../../db/schema";
import { createClubRow } from "../../../db/seed/factories";
import { luhnValid } from "../suppliers/siret";
import { clubSupplierRows, exportClubSuppliersCsv, listClubSuppliers } from "./club-suppliers.server";
import { importSuppliers } from "./import.server";

function siretFrom(prefix: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error("unreachable");
}

const HEADER = "siret,raison_sociale,enseigne,type_structure,code_naf,forme_juridique,adresse,code_postal,commune,code_insee_commune,latitude,longitude,site_web,effectif,description,email,telephone";
const csv = (lines: string[]) => new TextEncoder().encode(`${[HEADER, ...lines].join("\n")}\n`);

const s = {
  eclat: siretFrom("3000000000001"),
  jardins: siretFrom("3000000000002"),
  formule: siretFrom("3000000000003"),
  quartier: siretFrom("3000000000004"),
  ailleurs: siretFrom("3000000000005"),
};
let clubId = "";
let otherClubId = "";

beforeAll(async () => {
  const [qpv] = await db.select({ code: qpvs.code }).from(qpvs).where(sql`'93048' = ANY(${qpvs.communeInsees})`).limit(1);
  clubId = (await createClubRow(db, { name: "Club Liste", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [qpv!.code] })).id;
  otherClubId = (await createClubRow(db, { name: "Club Voisin", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [] })).id;
  await importSuppliers({
    bytes: csv([
      `${s.eclat},SOCIETE ECLAT,Éclat Propreté,EI,8121Z,SAS,1 rue,93100,Montreuil,93048,,,https://eclat.example.org,,"Nettoyage de bureaux, de vitres et de parties communes à Montreuil et dans tout l'Est parisien, avec des produits écologiques.",contact@eclat.example.org,0148000000`,
      `${s.jardins},LES JARDINS DE BAGNOLET,,ACI,8130Z,Association,,93170,Bagnolet,93006,,,,,,,`,
      `${s.formule},=HYPERLINK(1),,,,,,93500,Pantin,93055,,,,,,,`,
    ]),
    clubId,
  });
  await importSuppliers({ bytes: csv([`${s.quartier},DANS LE QUARTIER,,,,,,93100,Montreuil,93048,,,,,,,`]) });
  await importSuppliers({ bytes: csv([`${s.ailleurs},AUTRE CLUB,,,,,,93100,Montreuil,93048,,,,,,,`]), clubId: otherClubId });
  await db.update(suppliers).set({ qpvCode: qpv!.code, qpvStatus: "verified" }).where(eq(suppliers.siret, s.quartier));
  await db.update(suppliers).set({ claimedAt: new Date() }).where(eq(suppliers.siret, s.jardins));
  const [eclat] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.siret, s.eclat));
  await db.insert(supplierServices).values({ supplierId: eclat!.id, title: "Nettoyage de bureaux", description: "Chaque matin" });
});

const sirets = (rows: { siret: string }[]) => rows.map((r) => r.siret);

describe("clubSupplierRows", () => {
  it("lists the suppliers the club sourced and those in its QPV, by name", async () => {
    const rows = await clubSupplierRows(clubId);
    expect(sirets(rows)).toEqual([s.formule, s.quartier, s.eclat, s.jardins]);
    expect(rows.find((r) => r.siret === s.quartier)).toMatchObject({ qpvStatus: "verified", communeName: "Montreuil", claimed: false });
    expect(sirets(await clubSupplierRows(otherClubId))).toEqual([s.ailleurs]);
  });

  it("filters by verification status, claim and text (accents and case ignored, or SIRET prefix)", async () => {
    expect(sirets(await clubSupplierRows(clubId, { status: "verified" }))).toEqual([s.quartier]);
    expect(sirets(await clubSupplierRows(clubId, { status: "none", claimed: "claimed" }))).toEqual([s.jardins]);
    expect(await clubSupplierRows(clubId, { claimed: "unclaimed" })).toHaveLength(3);
    expect(sirets(await clubSupplierRows(clubId, { q: "eclat proprete" }))).toEqual([s.eclat]);
    expect(sirets(await clubSupplierRows(clubId, { q: "ÉCLAT" }))).toEqual([s.eclat]);
    expect(sirets(await clubSupplierRows(clubId, { q: `${s.jardins.slice(0, 3)} ${s.jardins.slice(3, 13)}` }))).toEqual([s.jardins]);
    expect(await clubSupplierRows(clubId, { q: "ailleurs" })).toEqual([]);
  });

  it("computes completeness with the profile rules and filters and sorts on it", async () => {
    const rows = await clubSupplierRows(clubId, { sort: "completeness" });
    expect(rows[0]!.siret).toBe(s.eclat);
    const best = rows[0]!.completeness;
    expect(best).toBeGreaterThan(rows[1]!.completeness);
    expect(sirets(await clubSupplierRows(clubId, { completenessMin: best }))).toEqual([s.eclat]);
    expect(sirets(await clubSupplierRows(clubId, { completenessMax: best - 1 }))).not.toContain(s.eclat);
  });
});

describe("listClubSuppliers", () => {
  it("paginates", async () => {
    const first = await listClubSuppliers({ clubId, pageSize: 3 });
    expect(first).toMatchObject({ total: 4, page: 1, pageCount: 2 });
    expect(first.rows).toHaveLength(3);
    const last = await listClubSuppliers({ clubId, pageSize: 3, page: 9 });
    expect(last.page).toBe(2);
    expect(last.rows).toHaveLength(1);
  });
});

describe("exportClubSuppliersCsv", () => {
  it("exports the filtered list for a French spreadsheet, formulas neutralized", async () => {
    const out = await exportClubSuppliersCsv({ clubId, filters: { claimed: "unclaimed" } });
    expect(out.startsWith("\uFEFFsiret;raison_sociale;enseigne;commune;")).toBe(true);
    const lines = out.trim().split("\r\n");
    expect(lines).toHaveLength(4);
    expect(out).toContain(`${s.formule};'=HYPERLINK(1);`);
    expect(out).toContain("QPV vérifié");
    expect(out).toContain("contact@eclat.example.org;'+33148000000");
  });
});
