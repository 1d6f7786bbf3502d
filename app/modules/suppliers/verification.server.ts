import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { db } from "../../../db/connection";
import { clubQpvs, memberships, qpvs, supplierAuditLog, suppliers, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { auditSupplier } from "./audit.server";
import { supplierChanged } from "./profile.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

type Status = "declared" | "verified" | "rejected";

/** QPV declarations in the club's QPV, oldest first for those still waiting. */
export async function qpvDeclarationsForClub(clubId: string, status: Status = "declared") {
  return db
    .select({
      id: suppliers.id,
      slug: suppliers.slug,
      name: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})`,
      siret: suppliers.siret,
      address: suppliers.address,
      qpvCode: suppliers.qpvCode,
      qpvName: qpvs.name,
      qpvStatus: suppliers.qpvStatus,
      polygonCheck: suppliers.qpvPolygonCheck,
      polygonKnown: sql<boolean>`${qpvs.polygon} IS NOT NULL`,
      note: suppliers.qpvNote,
      checkedAt: suppliers.qpvCheckedAt,
      updatedAt: suppliers.updatedAt,
    })
    .from(suppliers)
    .innerJoin(clubQpvs, and(eq(clubQpvs.qpvCode, suppliers.qpvCode), eq(clubQpvs.clubId, clubId)))
    .innerJoin(qpvs, eq(qpvs.code, suppliers.qpvCode))
    .where(eq(suppliers.qpvStatus, status))
    .orderBy(asc(suppliers.updatedAt))
    .limit(200);
}

/**
 * An animator of a club covering the declared QPV verifies or rejects it. The row is locked, the
 * decision is audited (who, when, note), the index is updated and the company told, together.
 */
export async function decideQpv(input: { clubId: string; supplierId: string; decision: "verified" | "rejected"; note?: string; actorId: string; now?: Date }) {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, input.supplierId)).for("update");
    if (!supplier?.qpvCode) throw new DomainError("not_found", "Aucune déclaration de QPV pour ce fournisseur.");
    const [covered] = await tx
      .select({ code: clubQpvs.qpvCode })
      .from(clubQpvs)
      .where(and(eq(clubQpvs.clubId, input.clubId), eq(clubQpvs.qpvCode, supplier.qpvCode)));
    if (!covered) throw new DomainError("forbidden", "Ce QPV n'est pas couvert par votre club.");
    await tx
      .update(suppliers)
      .set({ qpvStatus: input.decision, qpvCheckedAt: now, qpvCheckedBy: input.actorId, qpvNote: input.note ?? null })
      .where(eq(suppliers.id, supplier.id));
    await auditSupplier(tx, {
      supplierId: supplier.id,
      actorId: input.actorId,
      action: input.decision === "verified" ? "qpv_verified" : "qpv_rejected",
      details: { qpvCode: supplier.qpvCode, note: input.note ?? null, polygonCheck: supplier.qpvPolygonCheck },
    });
    await supplierChanged(tx, supplier.id);
    const owners = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, supplier.organisationId), inArray(memberships.role, ["owner"])));
    const [qpv] = await tx.select({ name: qpvs.name }).from(qpvs).where(eq(qpvs.code, supplier.qpvCode));
    for (const owner of owners) {
      await queueMail(tx, {
        to: owner.email,
        kind: `supplier.qpv_${input.decision}`,
        ...renderMail({
          subject: input.decision === "verified" ? "Votre implantation en QPV est vérifiée" : "Votre déclaration de QPV n'a pas été validée",
          greeting: "Bonjour,",
          paragraphs:
            input.decision === "verified"
              ? [`L'animateur de votre club a vérifié que votre entreprise est implantée dans le quartier ${qpv?.name ?? supplier.qpvCode}. Le badge « QPV vérifié » apparaît sur votre fiche.`]
              : [`L'animateur de votre club n'a pas pu valider votre implantation dans le quartier ${qpv?.name ?? supplier.qpvCode}.`, `Motif : ${input.note ?? ""}`],
          action: { label: "Voir ma fiche", url: new URL("/fournisseur/profil", env().APP_URL).toString() },
        }),
      });
    }
  });
}

/** The audit trail of a supplier, newest first, with who did it. */
export async function supplierAuditTrail(supplierId: string) {
  return db
    .select({ action: supplierAuditLog.action, details: supplierAuditLog.details, createdAt: supplierAuditLog.createdAt, actor: users.displayName })
    .from(supplierAuditLog)
    .leftJoin(users, eq(users.id, supplierAuditLog.actorId))
    .where(eq(supplierAuditLog.supplierId, supplierId))
    .orderBy(sql`${supplierAuditLog.createdAt} DESC`)
    .limit(50);
}
