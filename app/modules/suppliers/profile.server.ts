import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { communes, nafCodes, organisations, qpvs, supplierReferences, supplierServices, suppliers } from "../../../db/schema";
import { enqueue } from "../outbox/outbox.server";
import { qpvsOfCommune, resolveCommune } from "../reference/reference.server";
import { auditSupplier } from "./audit.server";
import { profileCompleteness } from "./completeness";
import { completenessInput } from "./completeness-input";
import { listSupplierPhotos } from "./photos.server";
import { checkPointInQpv } from "./polygon-check";
import type { ProfileInput } from "./schemas";
import { DomainError } from "~/lib/errors";

export type SupplierRow = typeof suppliers.$inferSelect;

/** Search index and notifications follow every profile change through the outbox. */
export function supplierChanged(tx: Executor, supplierId: string) {
  return enqueue(tx, "search.supplier_changed", { supplierId });
}

export async function supplierOfOrganisation(organisationId: string, executor: Executor = db): Promise<SupplierRow | undefined> {
  const [row] = await executor.select().from(suppliers).where(eq(suppliers.organisationId, organisationId));
  return row;
}

/** The profile with everything the edit page and the public page show, in four queries. */
export async function loadSupplierProfile(supplierId: string, executor: Executor = db) {
  const [row] = await executor
    .select({
      supplier: suppliers,
      communeName: communes.name,
      postalCode: communes.postalCode,
      departmentCode: communes.departmentCode,
      epciName: communes.epciName,
      qpvName: qpvs.name,
      nafLabel: nafCodes.label,
    })
    .from(suppliers)
    .leftJoin(communes, eq(communes.insee, suppliers.communeInsee))
    .leftJoin(qpvs, eq(qpvs.code, suppliers.qpvCode))
    .leftJoin(nafCodes, eq(nafCodes.apeCode, suppliers.nafCode))
    .where(eq(suppliers.id, supplierId));
  if (!row) return undefined;
  const [services, references, photos] = await Promise.all([
    executor.select().from(supplierServices).where(eq(supplierServices.supplierId, supplierId)).orderBy(asc(supplierServices.position)),
    executor.select().from(supplierReferences).where(eq(supplierReferences.supplierId, supplierId)).orderBy(asc(supplierReferences.position)),
    listSupplierPhotos(supplierId, executor),
  ]);
  const s = row.supplier;
  const completeness = profileCompleteness(completenessInput(s, { services, references }));
  return { ...row, services, references, photos, completeness };
}

export type SupplierProfile = NonNullable<Awaited<ReturnType<typeof loadSupplierProfile>>>;

/** A signed-up supplier organisation states its SIRET once; the profile starts from it. */
export async function createSupplierProfile(input: { organisationId: string; siret: string; legalName: string; actorId: string }) {
  return db.transaction(async (tx) => {
    const [organisation] = await tx.select().from(organisations).where(eq(organisations.id, input.organisationId));
    if (!organisation || organisation.kind !== "supplier") throw new DomainError("forbidden", "Cette organisation n'est pas un fournisseur.");
    const [taken] = await tx.select({ id: suppliers.id, claimedAt: suppliers.claimedAt }).from(suppliers).where(eq(suppliers.siret, input.siret));
    if (taken) {
      throw new DomainError(
        "conflict",
        "Une fiche existe déjà pour ce SIRET. Si c'est la vôtre, demandez à l'animateur de votre club de vous envoyer le lien pour la revendiquer.",
        { field: "siret" },
      );
    }
    const [created] = await tx
      .insert(suppliers)
      .values({ organisationId: organisation.id, slug: organisation.slug, siret: input.siret, legalName: input.legalName, claimedAt: new Date() })
      .returning();
    await auditSupplier(tx, { supplierId: created!.id, actorId: input.actorId, action: "created" });
    await supplierChanged(tx, created!.id);
    return created!;
  });
}

/**
 * Saves the whole profile form. A new QPV declaration (or a move) resets the verification to
 * "declared" and records the polygon check when the QPV's polygon is known.
 */
export async function updateSupplierProfile(input: { supplierId: string; actorId: string; profile: ProfileInput; now?: Date }) {
  const now = input.now ?? new Date();
  const p = input.profile;
  const commune = p.commune ? await resolveCommune(p.commune) : undefined;
  if (p.commune && !commune) {
    throw new DomainError("invalid", "Commune introuvable : choisissez-la dans la liste (nom et code postal).", { field: "commune" });
  }
  if (p.nafCode) {
    const [naf] = await db.select({ code: nafCodes.code }).from(nafCodes).where(and(eq(nafCodes.apeCode, p.nafCode), eq(nafCodes.level, "sous-classe")));
    if (!naf) throw new DomainError("invalid", `Code NAF inconnu : ${p.nafCode}.`, { field: "nafCode" });
  }
  return db.transaction(async (tx) => {
    const [current] = await tx.select().from(suppliers).where(eq(suppliers.id, input.supplierId)).for("update");
    if (!current) throw new DomainError("not_found", "Fiche introuvable.");
    const communeInsee = commune?.insee ?? current.communeInsee;
    if (p.qpvCode && communeInsee) {
      // Inside the transaction, every query goes through tx: PGlite has one connection.
      const allowed = await qpvsOfCommune(communeInsee, tx);
      if (!allowed.some((q) => q.code === p.qpvCode)) {
        throw new DomainError("invalid", "Ce QPV n'est pas dans votre commune.", { field: "qpvCode" });
      }
    }
    const qpvChanged = (p.qpvCode ?? null) !== current.qpvCode;
    const lat = commune ? commune.lat : current.lat;
    const lon = commune ? commune.lon : current.lon;
    const [qpv] = p.qpvCode ? await tx.select({ polygon: qpvs.polygon }).from(qpvs).where(eq(qpvs.code, p.qpvCode)) : [];
    await tx
      .update(suppliers)
      .set({
        legalName: p.legalName,
        tradeName: p.tradeName,
        legalForm: p.legalForm,
        nafCode: p.nafCode,
        yearFounded: p.yearFounded ?? null,
        headcountBand: p.headcountBand,
        description: p.description,
        categories: p.categories,
        labels: p.labels,
        website: p.website,
        contactName: p.contactName,
        email: p.email,
        phone: p.phone,
        address: p.address,
        communeInsee,
        lat,
        lon,
        zoneKind: p.zoneKind,
        zoneRadiusKm: p.zoneRadiusKm,
        zoneDepartments: p.zoneKind === "departments" ? p.zoneDepartments : [],
        ...(qpvChanged
          ? {
              qpvCode: p.qpvCode,
              qpvStatus: p.qpvCode ? ("declared" as const) : ("none" as const),
              qpvCheckedAt: null,
              qpvCheckedBy: null,
              qpvNote: null,
              qpvPolygonCheck: checkPointInQpv({ lat, lon }, qpv?.polygon),
            }
          : {}),
        updatedAt: now,
      })
      .where(eq(suppliers.id, current.id));
    await tx.delete(supplierServices).where(eq(supplierServices.supplierId, current.id));
    const services = p.services.filter((s) => s.title);
    if (services.length) {
      await tx.insert(supplierServices).values(services.map((s, position) => ({ supplierId: current.id, title: s.title!, description: s.description ?? "", position })));
    }
    await tx.delete(supplierReferences).where(eq(supplierReferences.supplierId, current.id));
    const references = p.references.filter((r) => r.client);
    if (references.length) {
      await tx
        .insert(supplierReferences)
        .values(references.map((r, position) => ({ supplierId: current.id, client: r.client!, year: r.year ?? null, description: r.description ?? "", position })));
    }
    await auditSupplier(tx, { supplierId: current.id, actorId: input.actorId, action: "updated" });
    if (qpvChanged && p.qpvCode) await auditSupplier(tx, { supplierId: current.id, actorId: input.actorId, action: "qpv_declared", details: { qpvCode: p.qpvCode } });
    await supplierChanged(tx, current.id);
  });
}

export async function supplierBySlug(slug: string) {
  const [row] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.slug, slug));
  return row ? loadSupplierProfile(row.id) : undefined;
}

export async function countSuppliers(): Promise<number> {
  const [row] = await db.select({ n: sql<number>`count(*)::int` }).from(suppliers);
  return row?.n ?? 0;
}
