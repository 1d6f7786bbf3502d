import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, outbox, qpvs, supplierAuditLog, suppliers } from "../../../db/schema";
import { createClubRow, createOrganisationRow, createUser } from "../../../db/seed/factories";
import { createSupplierRow, randomSiret } from "../../../db/seed/supplier-factory";
import { createSupplierProfile, loadSupplierProfile, updateSupplierProfile } from "./profile.server";
import { ProfileSchema, QpvDecisionSchema } from "./schemas";
import { decideQpv, qpvDeclarationsForClub } from "./verification.server";
import { DomainError } from "~/lib/errors";

const baseProfile = (overrides: Record<string, unknown> = {}) =>
  ProfileSchema.parse({
    legalName: "Net'Éclat Montreuil",
    description: "Nettoyage de bureaux et de parties communes à Montreuil et dans l'Est parisien, équipes formées, produits écolabellisés.",
    categories: ["nettoyage"],
    nafCode: "81.21Z",
    services: [{ title: "Nettoyage de bureaux", description: "Quotidien ou hebdomadaire" }],
    references: [{ client: "Bailleur social", year: "2024", description: "Parties communes" }],
    commune: "Montreuil (93100)",
    zoneKind: "radius",
    zoneRadiusKm: "20",
    ...overrides,
  });

let ownerId = "";
let animatorId = "";
let otherAnimatorId = "";
let clubId = "";
let otherClubId = "";

beforeAll(async () => {
  ownerId = (await createUser(db, { email: "owner@profile.example.org" })).id;
  animatorId = (await createUser(db, { email: "anim@profile.example.org" })).id;
  otherAnimatorId = (await createUser(db, { email: "anim2@profile.example.org" })).id;
  clubId = (await createClubRow(db, { name: "Club Montreuil", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: ["QN09318M"], animatorIds: [animatorId] })).id;
  otherClubId = (await createClubRow(db, { name: "Club Lyon", epciSiren: "200046977", epciName: "Métropole de Lyon", qpvCodes: [], animatorIds: [otherAnimatorId] })).id;
});

describe("supplier profile", () => {
  it("creates the profile once per SIRET and refuses a second one", async () => {
    const org = await createOrganisationRow(db, { kind: "supplier", name: "Première", members: [{ userId: ownerId }] });
    const siret = randomSiret();
    const created = await createSupplierProfile({ organisationId: org.id, siret, legalName: "Première SARL", actorId: ownerId });
    expect(created.siret).toBe(siret);
    const other = await createOrganisationRow(db, { kind: "supplier", name: "Copie", members: [{ userId: ownerId }] });
    const error = await createSupplierProfile({ organisationId: other.id, siret, legalName: "Copie", actorId: ownerId }).catch((e: DomainError) => e);
    expect((error as DomainError).status).toBe(409);
    expect(await db.select().from(outbox).where(eq(outbox.kind, "search.supplier_changed"))).not.toHaveLength(0);
  });

  it("saves the whole form, resolves the commune, and shows what is missing", async () => {
    const supplier = await createSupplierRow(db, { legalName: "Net'Éclat", ownerId });
    await updateSupplierProfile({ supplierId: supplier.id, actorId: ownerId, profile: baseProfile() });
    const profile = (await loadSupplierProfile(supplier.id))!;
    expect(profile.supplier.communeInsee).toBe("93048");
    expect(profile.communeName).toBe("Montreuil");
    expect(profile.services.map((s) => s.title)).toEqual(["Nettoyage de bureaux"]);
    expect(profile.references[0]?.year).toBe(2024);
    expect(profile.completeness.score).toBeGreaterThan(40);
    expect(profile.completeness.missing.map((m) => m.field)).toContain("logo");
  });

  it("refuses an unknown commune, an unknown NAF and a QPV outside the commune, writing nothing", async () => {
    const supplier = await createSupplierRow(db, { legalName: "Avant", ownerId });
    await expect(updateSupplierProfile({ supplierId: supplier.id, actorId: ownerId, profile: baseProfile({ commune: "Atlantide (99999)" }) })).rejects.toThrow(/Commune introuvable/);
    await expect(updateSupplierProfile({ supplierId: supplier.id, actorId: ownerId, profile: baseProfile({ nafCode: "9999Z" }) })).rejects.toThrow(/NAF inconnu/);
    await expect(updateSupplierProfile({ supplierId: supplier.id, actorId: ownerId, profile: baseProfile({ qpvCode: "QN06607I" }) })).rejects.toThrow(/pas dans votre commune/);
    const [row] = await db.select().from(suppliers).where(eq(suppliers.id, supplier.id));
    expect(row?.legalName).toBe("Avant");
  });

  it("validates the form in French", () => {
    const result = ProfileSchema.safeParse({ legalName: "", phone: "12", website: "pas une url", zoneKind: "departments", zoneDepartments: "" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toContain("Indiquez la raison sociale.");
    expect(messages).toContain("Numéro de téléphone invalide (ex. 01 23 45 67 89).");
    expect(messages).toContain("Indiquez au moins un département.");
  });
});

describe("QPV declaration and verification", () => {
  it("declares, then an animator of the covering club verifies, with audit log and mail", async () => {
    const supplier = await createSupplierRow(db, { legalName: "Bel Air Services", ownerId });
    await updateSupplierProfile({ supplierId: supplier.id, actorId: ownerId, profile: baseProfile({ legalName: "Bel Air Services", qpvCode: "QN09318M" }) });
    expect((await qpvDeclarationsForClub(clubId)).map((d) => d.id)).toContain(supplier.id);
    expect((await qpvDeclarationsForClub(otherClubId)).map((d) => d.id)).not.toContain(supplier.id);

    await expect(decideQpv({ clubId: otherClubId, supplierId: supplier.id, decision: "verified", actorId: otherAnimatorId })).rejects.toThrow(/pas couvert/);
    await decideQpv({ clubId, supplierId: supplier.id, decision: "verified", note: "Visite faite", actorId: animatorId, now: new Date("2026-05-04T10:00:00Z") });
    const [row] = await db.select().from(suppliers).where(eq(suppliers.id, supplier.id));
    expect(row).toMatchObject({ qpvStatus: "verified", qpvCheckedBy: animatorId, qpvNote: "Visite faite" });
    const audit = await db.select().from(supplierAuditLog).where(eq(supplierAuditLog.supplierId, supplier.id));
    expect(audit.map((a) => a.action)).toEqual(expect.arrayContaining(["qpv_declared", "qpv_verified"]));
    const sent = await db.select().from(mails).where(eq(mails.kind, "supplier.qpv_verified"));
    expect(sent.map((m) => m.to)).toContain("owner@profile.example.org");
  });

  it("checks the address point against the QPV polygon when one is loaded", async () => {
    // A square around Montreuil's centroid stands in for the QPV's perimeter.
    const polygon = { type: "Polygon", coordinates: [[[2.43, 48.85], [2.47, 48.85], [2.47, 48.88], [2.43, 48.88], [2.43, 48.85]]] };
    await db.update(qpvs).set({ polygon }).where(eq(qpvs.code, "QN09319I"));
    const supplier = await createSupplierRow(db, { legalName: "Jean Moulin Traiteur", ownerId });
    await updateSupplierProfile({ supplierId: supplier.id, actorId: ownerId, profile: baseProfile({ legalName: "Jean Moulin Traiteur", qpvCode: "QN09319I" }) });
    const [row] = await db.select().from(suppliers).where(eq(suppliers.id, supplier.id));
    expect(row?.qpvPolygonCheck).toBe("inside");
  });

  it("requires a reason to reject", () => {
    const parsed = QpvDecisionSchema.safeParse({ supplierId: "00000000-0000-4000-8000-000000000000", decision: "rejected" });
    expect(parsed.success).toBe(false);
  });
});
