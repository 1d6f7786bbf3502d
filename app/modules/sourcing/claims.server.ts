// Claiming an imported profile: the animator invites the company by e-mail (a link valid 30 days);
// the company's user, signed in, opens the link and types the SIRET; the profile's organisation
// gets its first owner. The link alone or the SIRET alone (public data) is not enough.
import { and, eq, gt, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../../../db/connection";
import { organisations, supplierClaims, suppliers } from "../../../db/schema";
import { hashToken, newToken } from "../accounts/tokens.server";
import { hit, rateLimits } from "../accounts/rate-limit.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { addMember } from "../organisations/organisations.server";
import { enqueue } from "../outbox/outbox.server";
import { auditSupplier } from "../suppliers/audit.server";
import { clubScope } from "./club-suppliers.server";
import { formatSiret, normalizeSiret } from "../suppliers/siret";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatDate } from "~/lib/format";

export const claimLifetimeDays = 30;

export type InviteResult = { invited: number; alreadyClaimed: number; withoutEmail: number; notInClub: number };

/**
 * Sends the claim link to each selected profile of the club that is unclaimed and has an e-mail.
 * One transaction: the links, their mails and the audit log are written together. A new link
 * replaces the previous one of the same profile.
 */
export async function inviteSupplierToClaim(input: { clubId: string; supplierIds: string[]; actorId: string; now?: Date }): Promise<InviteResult> {
  const now = input.now ?? new Date();
  const ids = [...new Set(input.supplierIds)];
  if (!ids.length) return { invited: 0, alreadyClaimed: 0, withoutEmail: 0, notInClub: 0 };
  return db.transaction(async (tx) => {
    const [club] = await tx.select({ name: organisations.name }).from(organisations).where(and(eq(organisations.id, input.clubId), eq(organisations.kind, "club")));
    if (!club) throw new DomainError("not_found", "Ce club n'existe pas.");
    const found = await tx
      .select({ id: suppliers.id, siret: suppliers.siret, legalName: suppliers.legalName, tradeName: suppliers.tradeName, email: suppliers.email, claimedAt: suppliers.claimedAt })
      .from(suppliers)
      .where(and(inArray(suppliers.id, ids), clubScope(input.clubId)))
      .for("update");
    const result: InviteResult = { invited: 0, alreadyClaimed: 0, withoutEmail: 0, notInClub: ids.length - found.length };
    const expiresAt = new Date(now.getTime() + claimLifetimeDays * 86_400_000);
    const toInvite = found.filter((s) => {
      if (s.claimedAt) result.alreadyClaimed++;
      else if (!s.email) result.withoutEmail++;
      else return true;
      return false;
    });
    if (!toInvite.length) return result;
    // Earlier links of these profiles stop working: only the latest mail counts.
    await tx
      .update(supplierClaims)
      .set({ expiresAt: now })
      .where(and(inArray(supplierClaims.supplierId, toInvite.map((s) => s.id)), isNull(supplierClaims.usedAt), gt(supplierClaims.expiresAt, now)));
    for (const supplier of toInvite) {
      const { token, hash } = newToken();
      await tx.insert(supplierClaims).values({ supplierId: supplier.id, email: supplier.email!, tokenHash: hash, invitedBy: input.actorId, expiresAt, createdAt: now });
      const name = supplier.tradeName ?? supplier.legalName;
      await queueMail(tx, {
        to: supplier.email!,
        kind: "supplier.claim_invitation",
        ...renderMail({
          subject: `${name} : prenez la main sur votre fiche Proxima`,
          greeting: "Bonjour,",
          paragraphs: [
            `${club.name} a référencé votre entreprise ${name} (SIRET ${formatSiret(supplier.siret)}) sur Proxima, la plateforme des Rencontres Business de Proximité, où de grandes entreprises cherchent des fournisseurs près de chez elles.`,
            "Pour compléter votre fiche et recevoir les besoins d'achat qui vous correspondent, ouvrez le lien ci-dessous, connectez-vous ou créez votre compte, puis saisissez votre numéro SIRET.",
            `Ce lien est valable jusqu'au ${formatDate(expiresAt)}.`,
          ],
          action: { label: "Revendiquer ma fiche", url: new URL(`/revendiquer/${token}`, env().APP_URL).toString() },
          footer: `Vous recevez ce message car ${club.name} a inscrit votre entreprise sur Proxima. Sans action de votre part, il ne vous sera pas renvoyé.`,
        }),
      });
      await auditSupplier(tx, { supplierId: supplier.id, actorId: input.actorId, action: "claim_invited", details: { clubId: input.clubId, email: supplier.email } });
      result.invited++;
    }
    return result;
  });
}

const invalidLink = () => new DomainError("invalid", "Ce lien n'est plus valable. Demandez à l'animateur de votre club de vous en envoyer un nouveau.");

/** What the claim page shows before the SIRET is typed (never the SIRET itself). */
export async function findClaim(token: string, now = new Date()) {
  const [row] = await db
    .select({ supplierName: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})`, expiresAt: supplierClaims.expiresAt, usedAt: supplierClaims.usedAt, claimedAt: suppliers.claimedAt })
    .from(supplierClaims)
    .innerJoin(suppliers, eq(suppliers.id, supplierClaims.supplierId))
    .where(eq(supplierClaims.tokenHash, hashToken(token)));
  if (!row) return undefined;
  return { supplierName: row.supplierName, valid: !row.usedAt && !row.claimedAt && row.expiresAt > now };
}

/**
 * The signed-in user claims the profile of the link by typing its SIRET: the user becomes owner of
 * the profile's organisation, the profile is marked claimed, the link is used up.
 * Attempts are rate-limited per IP (counted even when the claim fails).
 */
export async function claimSupplier(input: { token: string; siret: string; user: { id: string; email: string }; ip: string; now?: Date }) {
  const now = input.now ?? new Date();
  if (await hit(rateLimits.claimPerIp, input.ip, now)) {
    throw new DomainError("rate_limited", "Trop de tentatives depuis votre connexion. Réessayez dans une heure.");
  }
  return db.transaction(async (tx) => {
    const [claim] = await tx.select().from(supplierClaims).where(eq(supplierClaims.tokenHash, hashToken(input.token))).for("update");
    if (!claim || claim.usedAt || claim.expiresAt <= now) throw invalidLink();
    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, claim.supplierId)).for("update");
    if (!supplier) throw invalidLink();
    if (supplier.claimedAt) throw new DomainError("conflict", "Cette fiche a déjà été revendiquée. Si elle est à vous, demandez l'accès à ses responsables.");
    if (normalizeSiret(input.siret) !== supplier.siret) {
      throw new DomainError("invalid", "Ce SIRET ne correspond pas à l'entreprise invitée. Vérifiez-le sur un extrait Kbis ou sur annuaire-entreprises.data.gouv.fr.", { field: "siret" });
    }
    await tx.update(supplierClaims).set({ usedAt: now }).where(eq(supplierClaims.id, claim.id));
    await tx.update(supplierClaims).set({ expiresAt: now }).where(and(eq(supplierClaims.supplierId, supplier.id), isNull(supplierClaims.usedAt), gt(supplierClaims.expiresAt, now)));
    await tx.update(suppliers).set({ claimedAt: now, updatedAt: now }).where(eq(suppliers.id, supplier.id));
    await addMember(tx, { organisationId: supplier.organisationId, userId: input.user.id, role: "owner" });
    await auditSupplier(tx, { supplierId: supplier.id, actorId: input.user.id, action: "claimed", details: { claimId: claim.id, invitedEmail: claim.email, userEmail: input.user.email } });
    await enqueue(tx, "search.supplier_changed", { supplierId: supplier.id });
    const [organisation] = await tx.select({ slug: organisations.slug, name: organisations.name }).from(organisations).where(eq(organisations.id, supplier.organisationId));
    return { supplierId: supplier.id, organisationId: supplier.organisationId, organisationSlug: organisation!.slug, organisationName: organisation!.name };
  });
}
