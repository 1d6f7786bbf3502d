// Suppliers' side of a need (view, "intéressé" with answers and quote, "pas intéressé" with a
// reason) and the buyer's follow-up per supplier (shortlist, selection with the amount).
// Every step is a date on the (need, supplier) row.
import { and, asc, desc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { needAnswers, needAttachments, needQuestions, needs, needSuppliers, organisations, suppliers, uploads, users } from "../../../db/schema";
import { membersOf, notifyUsers } from "../notifications/in-app.server";
import { queueMail } from "../notifications/mailer.server";
import { needInterest, needSelection } from "../opportunities/touchpoints.server";
import { renderMail } from "../notifications/templates";
import { checkPdfUpload } from "../uploads/sniff";
import { storeUpload } from "../uploads/uploads.server";
import { isUuid } from "./needs.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatEuros } from "~/lib/format";

const notFound = () => new DomainError("not_found", "Besoin introuvable.");

function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

/**
 * A need as a supplier sees it: any published need, or one it was told about or answered.
 * Opening it records "viewed" on the supplier's row when there is one.
 */
export async function needForSupplier(input: { supplierId: string; needId: string; now?: Date; markViewed?: boolean }) {
  if (!isUuid(input.needId)) throw notFound();
  const now = input.now ?? new Date();
  const [row] = await db
    .select({
      need: needs,
      buyerName: organisations.name,
      communeName: sql<string | null>`(SELECT c.name FROM communes c WHERE c.insee = ${needs.communeInsee})`,
      postalCode: sql<string | null>`(SELECT c.postal_code FROM communes c WHERE c.insee = ${needs.communeInsee})`,
      status: needSuppliers,
    })
    .from(needs)
    .innerJoin(organisations, eq(organisations.id, needs.buyerOrganisationId))
    .leftJoin(needSuppliers, and(eq(needSuppliers.needId, needs.id), eq(needSuppliers.supplierId, input.supplierId)))
    .where(eq(needs.id, input.needId));
  if (!row || (row.need.status !== "published" && !row.status)) throw notFound();
  if (row.status && !row.status.viewedAt && input.markViewed !== false) {
    await db.update(needSuppliers).set({ viewedAt: now }).where(eq(needSuppliers.id, row.status.id));
  }
  const [questions, attachments, [answer]] = await Promise.all([
    db.select().from(needQuestions).where(eq(needQuestions.needId, input.needId)).orderBy(asc(needQuestions.position)),
    db
      .select({ id: uploads.id, filename: uploads.filename, size: uploads.size })
      .from(needAttachments)
      .innerJoin(uploads, eq(uploads.id, needAttachments.uploadId))
      .where(eq(needAttachments.needId, input.needId)),
    db.select().from(needAnswers).where(and(eq(needAnswers.needId, input.needId), eq(needAnswers.supplierId, input.supplierId))),
  ]);
  const open = row.need.status === "published" && (!row.need.responseDeadline || row.need.responseDeadline >= today(now));
  return { ...row, questions, attachments, answer: answer ?? null, open };
}

/** The need, locked in share mode, still open to answers. */
async function openNeed(tx: Executor, needId: string, now: Date) {
  if (!isUuid(needId)) throw notFound();
  const [need] = await tx.select().from(needs).where(eq(needs.id, needId)).for("share");
  if (!need) throw notFound();
  if (need.status !== "published" || (need.responseDeadline && need.responseDeadline < today(now))) {
    throw new DomainError("conflict", "Ce besoin n'accepte plus de réponses.");
  }
  return need;
}

/** The supplier's row for the need, created when it answers a need it found by itself. */
async function lockSupplierRow(tx: Executor, needId: string, supplierId: string, now: Date) {
  await tx.insert(needSuppliers).values({ needId, supplierId, createdAt: now }).onConflictDoNothing();
  const [row] = await tx
    .select()
    .from(needSuppliers)
    .where(and(eq(needSuppliers.needId, needId), eq(needSuppliers.supplierId, supplierId)))
    .for("update");
  return row!;
}

/** The buyer organisation's members see each answer in their notifications. */
async function notifyBuyers(tx: Executor, need: typeof needs.$inferSelect, input: { title: string; body: string; now: Date }) {
  await notifyUsers(tx, await membersOf(tx, [need.buyerOrganisationId]), { kind: "need.answered", link: `/acheteur/besoins/${need.id}`, ...input });
}

async function mailBuyer(tx: Executor, need: typeof needs.$inferSelect, subject: string, paragraph: string) {
  if (!need.createdBy) return;
  const [author] = await tx.select({ email: users.email }).from(users).where(eq(users.id, need.createdBy));
  if (!author) return;
  const mail = renderMail({
    subject,
    greeting: "Bonjour,",
    paragraphs: [paragraph],
    action: { label: "Voir les réponses", url: new URL(`/acheteur/besoins/${need.id}`, env().APP_URL).toString() },
    footer: "Vous recevez ce message car vous avez publié ce besoin sur Proxima.",
  });
  await queueMail(tx, { to: author.email, kind: "need.answered", ...mail });
}

/** "Intéressé": the message, the answers to the buyer's questions, an optional quote (amount, PDF). */
export async function answerInterested(input: {
  supplierId: string;
  supplierOrgId: string;
  actorId: string;
  needId: string;
  message: string;
  answers: (string | undefined)[];
  quoteAmountCents: number | null;
  quote?: { bytes: Uint8Array; filename: string | null } | null;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  const check = input.quote ? checkPdfUpload(input.quote.bytes) : null;
  if (check && !check.ok) throw new DomainError("invalid", check.message, { field: "quote" });
  return db.transaction(async (tx) => {
    const need = await openNeed(tx, input.needId, now);
    const questions = await tx.select().from(needQuestions).where(eq(needQuestions.needId, need.id)).orderBy(asc(needQuestions.position));
    const missing = questions.findIndex((_q, i) => !input.answers[i]);
    if (missing >= 0) throw new DomainError("invalid", "Répondez à chaque question de l'acheteur.", { field: `answers[${missing}]` });
    const row = await lockSupplierRow(tx, need.id, input.supplierId, now);
    const quoteUploadId =
      input.quote && check?.ok
        ? await storeUpload(tx, { organisationId: input.supplierOrgId, kind: "need_quote", mime: check.mime, bytes: input.quote.bytes, filename: input.quote.filename })
        : null;
    const values = {
      authorId: input.actorId,
      message: input.message,
      answers: questions.map((q, i) => ({ questionId: q.id, question: q.text, answer: input.answers[i] ?? "" })),
      quoteAmountCents: input.quoteAmountCents,
      updatedAt: now,
      ...(quoteUploadId ? { quoteUploadId } : {}),
    };
    const [answer] = await tx
      .insert(needAnswers)
      .values({ needId: need.id, supplierId: input.supplierId, createdAt: now, ...values })
      .onConflictDoUpdate({ target: [needAnswers.needId, needAnswers.supplierId], set: values })
      .returning();
    await tx.update(needSuppliers).set({ interestedAt: now, declinedAt: null, declineReason: null, viewedAt: row.viewedAt ?? now }).where(eq(needSuppliers.id, row.id));
    await needInterest(tx, { buyerOrganisationId: need.buyerOrganisationId, supplierId: input.supplierId, needId: need.id, clubId: need.clubId, actorId: input.actorId, at: now });
    const [supplier] = await tx.select({ name: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})` }).from(suppliers).where(eq(suppliers.id, input.supplierId));
    const quote = input.quoteAmountCents !== null ? ` Devis : ${formatEuros(input.quoteAmountCents / 100)}.` : "";
    const paragraph = `${supplier?.name ?? "Un fournisseur"} est intéressé par votre besoin « ${need.title} ».${quote}`;
    await mailBuyer(tx, need, `Nouvelle réponse : ${need.title}`, paragraph);
    await notifyBuyers(tx, need, { title: `Nouvelle réponse : ${need.title}`, body: paragraph, now });
    return answer!;
  });
}

/** "Pas intéressé", with the reason (it helps the buyer and the club). */
export async function declineNeed(input: { supplierId: string; needId: string; reason: string; now?: Date }) {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const need = await openNeed(tx, input.needId, now);
    const row = await lockSupplierRow(tx, need.id, input.supplierId, now);
    if (row.selectedAt) throw new DomainError("conflict", "L'acheteur vous a déjà retenu : contactez-le directement.");
    await tx.update(needSuppliers).set({ declinedAt: now, declineReason: input.reason, interestedAt: null, viewedAt: row.viewedAt ?? now }).where(eq(needSuppliers.id, row.id));
    const [supplier] = await tx.select({ name: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})` }).from(suppliers).where(eq(suppliers.id, input.supplierId));
    await notifyBuyers(tx, need, {
      title: `Réponse négative : ${need.title}`,
      body: `${supplier?.name ?? "Un fournisseur"} n'est pas intéressé par votre besoin « ${need.title} » : « ${input.reason} ».`,
      now,
    });
  });
}

/** Everyone reached or answering, for the buyer's view and the CSV: best score first, answers on top. */
export async function suppliersOfNeed(buyerOrgId: string, needId: string) {
  if (!isUuid(needId)) throw notFound();
  const [owned] = await db.select({ id: needs.id }).from(needs).where(and(eq(needs.id, needId), eq(needs.buyerOrganisationId, buyerOrgId)));
  if (!owned) throw notFound();
  return db
    .select({
      row: needSuppliers,
      supplierName: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})`,
      siret: suppliers.siret,
      slug: suppliers.slug,
      qpvStatus: suppliers.qpvStatus,
      email: suppliers.email,
      answer: needAnswers,
    })
    .from(needSuppliers)
    .innerJoin(suppliers, eq(suppliers.id, needSuppliers.supplierId))
    .leftJoin(needAnswers, and(eq(needAnswers.needId, needSuppliers.needId), eq(needAnswers.supplierId, needSuppliers.supplierId)))
    .where(eq(needSuppliers.needId, needId))
    .orderBy(sql`${needSuppliers.interestedAt} IS NULL`, desc(needSuppliers.score), asc(suppliers.legalName));
}

async function lockBuyerRow(tx: Executor, buyerOrgId: string, needId: string, supplierId: string) {
  if (!isUuid(needId) || !isUuid(supplierId)) throw notFound();
  const [need] = await tx.select().from(needs).where(and(eq(needs.id, needId), eq(needs.buyerOrganisationId, buyerOrgId))).for("update");
  if (!need) throw notFound();
  const [row] = await tx
    .select()
    .from(needSuppliers)
    .where(and(eq(needSuppliers.needId, needId), eq(needSuppliers.supplierId, supplierId)))
    .for("update");
  if (!row) throw new DomainError("not_found", "Ce fournisseur n'est pas lié à ce besoin.");
  return { need, row };
}

export async function setShortlisted(input: { buyerOrgId: string; needId: string; supplierId: string; on: boolean; now?: Date }) {
  await db.transaction(async (tx) => {
    const { row } = await lockBuyerRow(tx, input.buyerOrgId, input.needId, input.supplierId);
    if (input.on && row.declinedAt) throw new DomainError("conflict", "Ce fournisseur n'est pas intéressé.");
    await tx.update(needSuppliers).set({ shortlistedAt: input.on ? (row.shortlistedAt ?? input.now ?? new Date()) : null }).where(eq(needSuppliers.id, row.id));
  });
}

/** The buyer retains a supplier who said it was interested, for an amount. */
export async function selectSupplier(input: { buyerOrgId: string; needId: string; supplierId: string; amountCents: number; actorId?: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const { need, row } = await lockBuyerRow(tx, input.buyerOrgId, input.needId, input.supplierId);
    if (!["published", "closed", "awarded"].includes(need.status)) throw new DomainError("conflict", "Ce besoin n'est plus ouvert.");
    if (!row.interestedAt) throw new DomainError("conflict", "Seul un fournisseur intéressé peut être retenu.");
    await tx
      .update(needSuppliers)
      .set({ selectedAt: now, selectedAmountCents: input.amountCents, shortlistedAt: row.shortlistedAt ?? now })
      .where(eq(needSuppliers.id, row.id));
    await needSelection(tx, {
      buyerOrganisationId: need.buyerOrganisationId,
      supplierId: input.supplierId,
      needId: need.id,
      clubId: need.clubId,
      actorId: input.actorId ?? null,
      amountCents: input.amountCents,
      recurring: need.recurrence === "recurring",
      at: now,
    });
  });
}

/** Published needs still open that are not in the supplier's "pour vous" list: anyone may answer. */
export async function otherOpenNeeds(input: { excludeIds: string[]; now?: Date; limit?: number }) {
  const day = today(input.now ?? new Date());
  return db
    .select({
      id: needs.id,
      title: needs.title,
      buyerName: organisations.name,
      communeName: sql<string | null>`(SELECT c.name FROM communes c WHERE c.insee = ${needs.communeInsee})`,
      responseDeadline: needs.responseDeadline,
    })
    .from(needs)
    .innerJoin(organisations, eq(organisations.id, needs.buyerOrganisationId))
    .where(
      and(
        eq(needs.status, "published"),
        sql`(${needs.responseDeadline} IS NULL OR ${needs.responseDeadline} >= ${day}::date)`,
        input.excludeIds.length ? sql`${needs.id} <> ALL(${`{${input.excludeIds.join(",")}}`}::uuid[])` : undefined,
      ),
    )
    .orderBy(desc(needs.publishedAt))
    .limit(input.limit ?? 50);
}

/** The supplier's steps on each need it was told about or answered. */
export async function supplierSteps(supplierId: string) {
  const rows = await db
    .select({ needId: needSuppliers.needId, notifiedAt: needSuppliers.notifiedAt, viewedAt: needSuppliers.viewedAt, interestedAt: needSuppliers.interestedAt, declinedAt: needSuppliers.declinedAt })
    .from(needSuppliers)
    .where(eq(needSuppliers.supplierId, supplierId));
  return Object.fromEntries(rows.map((r) => [r.needId, r]));
}
