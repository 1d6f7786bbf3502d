// Purchasing needs: drafts, submission, the club's approval, publication, and the end of the
// life cycle (closed → awarded / not awarded / cancelled). Every status change locks the row
// (FOR UPDATE) and writes a need_events row (who, when, from → to, message).
import { and, asc, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import {
  clubNeedSettings,
  clubs,
  memberships,
  needAttachments,
  needEvents,
  needQuestions,
  needs,
  organisations,
  uploads,
  users,
} from "../../../db/schema";
import { membershipRequirement } from "../billing/memberships.server";
import { buildTextQuery } from "../matching/matching.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { resolveCommune } from "../reference/reference.server";
import { checkPdfUpload } from "../uploads/sniff";
import { storeUpload } from "../uploads/uploads.server";
import { DEFAULT_NOTIFY_BATCH_SIZE, notifyMatchedSuppliers } from "./notifications.server";
import type { NeedFormInput, NeedStatus } from "./schemas";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

export type NeedRow = typeof needs.$inferSelect;
export const MAX_ATTACHMENTS = 5;
export { DEFAULT_NOTIFY_BATCH_SIZE };

/** Statuses a buyer may still edit, and the transitions each action allows. */
const transitions = {
  submit: ["draft"],
  approve: ["submitted"],
  changes: ["submitted"],
  reject: ["submitted"],
  close: ["published"],
  award: ["published", "closed"],
  cancel: ["draft", "submitted", "published", "closed"],
} as const satisfies Record<string, readonly NeedStatus[]>;

/**
 * Paid clubs: a club that requires a membership to post needs refuses submission (and so
 * publication) to a buyer organisation without one, with the billing module's French message.
 * Without Stripe configured nothing is blocked. Only new submissions are checked: a lapsed
 * membership never hides or unpublishes what the buyer already posted.
 *
 * Called before the transaction: membershipRequirement reads through the global connection,
 * which would wait forever inside a PGlite transaction.
 */
export async function assertCanPublish(clubId: string, buyerOrgId: string, now: Date = new Date()): Promise<void> {
  const requirement = await membershipRequirement({ clubId, buyerOrgId, purpose: "needs", now });
  if (!requirement.satisfied) {
    throw new DomainError("forbidden", requirement.message ?? "Votre entreprise doit adhérer au club pour publier un besoin.");
  }
}

export async function listClubsForNeeds() {
  return db
    .select({ id: organisations.id, name: organisations.name, slug: organisations.slug })
    .from(organisations)
    .innerJoin(clubs, eq(clubs.organisationId, organisations.id))
    .orderBy(asc(organisations.name));
}

export async function getClubNeedSettings(clubId: string, executor: Executor = db) {
  const [row] = await executor.select().from(clubNeedSettings).where(eq(clubNeedSettings.clubId, clubId));
  // A club that never set its rules moderates its needs: approval is the safe default.
  return { approvalRequired: row?.approvalRequired ?? true, notifyBatchSize: row?.notifyBatchSize ?? DEFAULT_NOTIFY_BATCH_SIZE };
}

export async function updateClubNeedSettings(input: { clubId: string; actorId: string; approvalRequired: boolean; notifyBatchSize: number }) {
  const values = { approvalRequired: input.approvalRequired, notifyBatchSize: input.notifyBatchSize, updatedBy: input.actorId, updatedAt: new Date() };
  await db
    .insert(clubNeedSettings)
    .values({ clubId: input.clubId, ...values })
    .onConflictDoUpdate({ target: clubNeedSettings.clubId, set: values });
}

async function recordEvent(tx: Executor, input: { needId: string; actorId: string | null; from: NeedStatus | null; to: NeedStatus; action: string; message?: string | null; now: Date }) {
  await tx.insert(needEvents).values({
    needId: input.needId,
    actorId: input.actorId,
    fromStatus: input.from,
    toStatus: input.to,
    action: input.action,
    message: input.message ?? null,
    createdAt: input.now,
  });
}

/** The need, locked for a status change, within the buyer's organisation (404 otherwise). */
async function lockBuyerNeed(tx: Executor, buyerOrgId: string, needId: string): Promise<NeedRow> {
  const [need] = await tx
    .select()
    .from(needs)
    .where(and(eq(needs.id, needId), eq(needs.buyerOrganisationId, buyerOrgId)))
    .for("update");
  if (!need) throw new DomainError("not_found", "Besoin introuvable.");
  return need;
}

function assertTransition(need: NeedRow, action: keyof typeof transitions) {
  if (!(transitions[action] as readonly string[]).includes(need.status)) {
    throw new DomainError("conflict", "Ce besoin a changé d'état entre-temps : rechargez la page.");
  }
}

type ResolvedPlace = { communeInsee: string | null; lat: number | null; lon: number | null };

/** Resolves the commune typed in the form (outside any transaction: the reference is read-only). */
async function resolvePlace(commune: string | null): Promise<ResolvedPlace> {
  if (!commune) return { communeInsee: null, lat: null, lon: null };
  const found = await resolveCommune(commune);
  if (!found) throw new DomainError("invalid", "Commune introuvable : choisissez-la dans la liste (nom et code postal).", { field: "commune" });
  return { communeInsee: found.insee, lat: found.lat, lon: found.lon };
}

function needValues(input: NeedFormInput, place: ResolvedPlace) {
  return {
    clubId: input.clubId,
    title: input.title,
    description: input.description,
    categories: input.categories,
    ...place,
    perimeterKind: input.perimeterKind,
    radiusKm: input.perimeterKind === "radius" ? (input.radiusKm ?? 30) : null,
    departments: input.perimeterKind === "departments" ? input.departments : [],
    budgetBand: input.budgetBand ?? null,
    amountCents: input.amount,
    responseDeadline: input.responseDeadline,
    startDate: input.startDate,
    recurrence: input.recurrence,
    requiredLabels: input.requiredLabels,
    insuranceRequired: input.insuranceRequired,
    referencesRequired: input.referencesRequired,
    requirementsNote: input.requirementsNote,
    csrIntent: input.csrIntent ?? null,
    textQuery: buildTextQuery(`${input.title} ${input.description}`),
  };
}

async function assertClubExists(tx: Executor, clubId: string) {
  const [club] = await tx.select({ id: clubs.organisationId }).from(clubs).where(eq(clubs.organisationId, clubId));
  if (!club) throw new DomainError("invalid", "Choisissez le club où publier le besoin.", { field: "clubId" });
}

/**
 * Saves the form: creates the draft or updates it (only a draft can change), replaces its
 * questions, and with `intent: "submit"` submits it in the same transaction.
 */
export async function saveNeed(input: { buyerOrgId: string; actorId: string; needId?: string; form: NeedFormInput; now?: Date }) {
  const now = input.now ?? new Date();
  const place = await resolvePlace(input.form.commune);
  if (input.form.intent === "submit") await assertCanPublish(input.form.clubId, input.buyerOrgId, now);
  return db.transaction(async (tx) => {
    await assertClubExists(tx, input.form.clubId);
    let need: NeedRow;
    if (input.needId) {
      const current = await lockBuyerNeed(tx, input.buyerOrgId, input.needId);
      if (current.status !== "draft") throw new DomainError("conflict", "Seul un brouillon peut être modifié.");
      [need] = (await tx
        .update(needs)
        .set({ ...needValues(input.form, place), updatedAt: now })
        .where(eq(needs.id, current.id))
        .returning()) as [NeedRow];
      await tx.delete(needQuestions).where(eq(needQuestions.needId, need.id));
    } else {
      [need] = (await tx
        .insert(needs)
        .values({ ...needValues(input.form, place), buyerOrganisationId: input.buyerOrgId, createdBy: input.actorId, createdAt: now, updatedAt: now })
        .returning()) as [NeedRow];
      await recordEvent(tx, { needId: need.id, actorId: input.actorId, from: null, to: "draft", action: "created", now });
    }
    if (input.form.questions.length) {
      await tx.insert(needQuestions).values(input.form.questions.map((text, position) => ({ needId: need.id, position, text })));
    }
    if (input.form.intent === "submit") need = await submitInTx(tx, need, input.actorId, now);
    return need;
  });
}

/** What a supplier needs to answer; the form checks it too, this guards other callers. */
function assertComplete(need: NeedRow) {
  const missing: [string, string][] = [];
  if (need.description.length < 30) missing.push(["description", "Décrivez le besoin en 30 caractères au moins."]);
  if (need.categories.length === 0) missing.push(["categories", "Choisissez au moins une catégorie."]);
  if (!need.communeInsee) missing.push(["commune", "Indiquez la commune où la prestation a lieu."]);
  if (!need.budgetBand) missing.push(["budgetBand", "Choisissez une tranche de budget."]);
  if (!need.responseDeadline) missing.push(["responseDeadline", "Indiquez la date limite de réponse."]);
  if (!need.csrIntent) missing.push(["csrIntent", "Choisissez la démarche RSE."]);
  const [first] = missing;
  if (first) throw new DomainError("invalid", first[1], { field: first[0] });
}

async function submitInTx(tx: Executor, need: NeedRow, actorId: string, now: Date): Promise<NeedRow> {
  assertTransition(need, "submit");
  assertComplete(need);
  const settings = await getClubNeedSettings(need.clubId, tx);
  const [submitted] = (await tx.update(needs).set({ status: "submitted", submittedAt: now, updatedAt: now }).where(eq(needs.id, need.id)).returning()) as [NeedRow];
  await recordEvent(tx, { needId: need.id, actorId, from: need.status, to: "submitted", action: "submitted", now });
  if (settings.approvalRequired) {
    await mailClubAnimators(tx, submitted);
    return submitted;
  }
  return publishInTx(tx, submitted, actorId, now, settings.notifyBatchSize);
}

export async function submitNeed(input: { buyerOrgId: string; actorId: string; needId: string; now?: Date }) {
  const now = input.now ?? new Date();
  const [draft] = isUuid(input.needId)
    ? await db.select({ clubId: needs.clubId }).from(needs).where(and(eq(needs.id, input.needId), eq(needs.buyerOrganisationId, input.buyerOrgId)))
    : [];
  if (!draft) throw new DomainError("not_found", "Besoin introuvable.");
  await assertCanPublish(draft.clubId, input.buyerOrgId, now);
  return db.transaction(async (tx) => submitInTx(tx, await lockBuyerNeed(tx, input.buyerOrgId, input.needId), input.actorId, now));
}

async function publishInTx(tx: Executor, need: NeedRow, actorId: string | null, now: Date, batchSize: number): Promise<NeedRow> {
  const [published] = (await tx.update(needs).set({ status: "published", publishedAt: now, updatedAt: now }).where(eq(needs.id, need.id)).returning()) as [NeedRow];
  await recordEvent(tx, { needId: need.id, actorId, from: need.status, to: "published", action: "published", now });
  await notifyMatchedSuppliers(tx, published, { batchSize, now, actorId, recordEmpty: true });
  return published;
}

function needUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

async function mailClubAnimators(tx: Executor, need: NeedRow) {
  const animators = await tx
    .select({ email: users.email, clubSlug: organisations.slug })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.organisationId, need.clubId));
  for (const a of animators) {
    const mail = renderMail({
      subject: `Besoin à valider : ${need.title}`,
      greeting: "Bonjour,",
      paragraphs: [`Un acheteur a soumis le besoin « ${need.title} » dans votre club. Il attend votre validation avant d'être publié.`],
      action: { label: "Voir les besoins à valider", url: needUrl(`/clubs/${a.clubSlug}/besoins`) },
      footer: "Vous recevez ce message car vous animez ce club sur Proxima.",
    });
    await queueMail(tx, { to: a.email, kind: "need.submitted", ...mail });
  }
}

async function mailBuyerAuthor(tx: Executor, need: NeedRow, subject: string, paragraphs: string[]) {
  if (!need.createdBy) return;
  const [author] = await tx.select({ email: users.email }).from(users).where(eq(users.id, need.createdBy));
  if (!author) return;
  const mail = renderMail({
    subject,
    greeting: "Bonjour,",
    paragraphs,
    action: { label: "Voir le besoin", url: needUrl(`/acheteur/besoins/${need.id}`) },
    footer: "Vous recevez ce message car vous avez rédigé ce besoin sur Proxima.",
  });
  await queueMail(tx, { to: author.email, kind: "need.moderated", ...mail });
}

/** The club's animator approves (publication), asks for changes (back to draft) or rejects. */
export async function decideNeed(input: { clubId: string; actorId: string; needId: string; decision: "approve" | "changes" | "reject"; message: string | null; now?: Date }) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [need] = await tx
      .select()
      .from(needs)
      .where(and(eq(needs.id, input.needId), eq(needs.clubId, input.clubId)))
      .for("update");
    if (!need) throw new DomainError("not_found", "Besoin introuvable.");
    assertTransition(need, input.decision);
    if (input.decision === "approve") {
      const settings = await getClubNeedSettings(need.clubId, tx);
      await recordEvent(tx, { needId: need.id, actorId: input.actorId, from: need.status, to: need.status, action: "approved", message: input.message, now });
      const published = await publishInTx(tx, need, input.actorId, now, settings.notifyBatchSize);
      await mailBuyerAuthor(tx, published, `Besoin publié : ${need.title}`, ["Le club a validé votre besoin : il est publié et les fournisseurs correspondants sont prévenus."]);
      return published;
    }
    const to: NeedStatus = input.decision === "changes" ? "draft" : "rejected";
    const [updated] = (await tx.update(needs).set({ status: to, updatedAt: now }).where(eq(needs.id, need.id)).returning()) as [NeedRow];
    await recordEvent(tx, { needId: need.id, actorId: input.actorId, from: need.status, to, action: input.decision === "changes" ? "changes_requested" : "rejected", message: input.message, now });
    await mailBuyerAuthor(
      tx,
      updated,
      input.decision === "changes" ? `Modifications demandées : ${need.title}` : `Besoin refusé : ${need.title}`,
      [
        input.decision === "changes" ? "Le club vous demande de modifier votre besoin avant de le publier :" : "Le club a refusé de publier votre besoin :",
        input.message ?? "",
      ],
    );
    return updated;
  });
}

/** End of the life cycle, by the buyer: close answers, record the outcome, or cancel. */
export async function changeNeedStatus(input: {
  buyerOrgId: string;
  actorId: string;
  needId: string;
  action: "close" | "award" | "cancel";
  outcome?: "awarded" | "not_awarded";
  message?: string | null;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const need = await lockBuyerNeed(tx, input.buyerOrgId, input.needId);
    assertTransition(need, input.action);
    const to: NeedStatus = input.action === "close" ? "closed" : input.action === "cancel" ? "cancelled" : (input.outcome ?? "awarded");
    const [updated] = (await tx
      .update(needs)
      .set({ status: to, updatedAt: now, ...(need.closedAt ? {} : input.action !== "cancel" ? { closedAt: now } : {}) })
      .where(eq(needs.id, need.id))
      .returning()) as [NeedRow];
    await recordEvent(tx, { needId: need.id, actorId: input.actorId, from: need.status, to, action: input.action === "award" ? to : input.action === "close" ? "closed" : "cancelled", message: input.message, now });
    return updated;
  });
}

export async function listNeedsForBuyer(buyerOrgId: string) {
  return db
    .select({
      id: needs.id,
      title: needs.title,
      status: needs.status,
      responseDeadline: needs.responseDeadline,
      updatedAt: needs.updatedAt,
      clubName: organisations.name,
      matched: sql<number>`(SELECT count(*)::int FROM need_suppliers ns WHERE ns.need_id = ${needs.id} AND ns.notified_at IS NOT NULL)`,
      answers: sql<number>`(SELECT count(*)::int FROM need_answers na WHERE na.need_id = ${needs.id})`,
    })
    .from(needs)
    .innerJoin(organisations, eq(organisations.id, needs.clubId))
    .where(eq(needs.buyerOrganisationId, buyerOrgId))
    .orderBy(desc(needs.updatedAt));
}

/** Steps recorded in one transaction share their time: they follow the life cycle's order. */
const eventOrder = sql`CASE ${needEvents.action} WHEN 'created' THEN 0 WHEN 'submitted' THEN 1 WHEN 'published' THEN 3
  WHEN 'closed' THEN 4 WHEN 'expired' THEN 4 WHEN 'awarded' THEN 5 WHEN 'not_awarded' THEN 5 WHEN 'cancelled' THEN 6 ELSE 2 END`;

/** Questions, attachments and history of a need, in three queries. */
async function needDetails(needId: string) {
  const [questions, attachments, events] = await Promise.all([
    db.select().from(needQuestions).where(eq(needQuestions.needId, needId)).orderBy(asc(needQuestions.position)),
    db
      .select({ id: uploads.id, filename: uploads.filename, size: uploads.size })
      .from(needAttachments)
      .innerJoin(uploads, eq(uploads.id, needAttachments.uploadId))
      .where(eq(needAttachments.needId, needId))
      .orderBy(asc(needAttachments.createdAt)),
    db
      .select({ id: needEvents.id, action: needEvents.action, fromStatus: needEvents.fromStatus, toStatus: needEvents.toStatus, message: needEvents.message, createdAt: needEvents.createdAt, actorName: users.displayName })
      .from(needEvents)
      .leftJoin(users, eq(users.id, needEvents.actorId))
      .where(eq(needEvents.needId, needId))
      .orderBy(asc(needEvents.createdAt), eventOrder),
  ]);
  return { questions, attachments, events };
}

const needWithPlace = {
  need: needs,
  clubName: organisations.name,
  communeName: sql<string | null>`(SELECT c.name FROM communes c WHERE c.insee = ${needs.communeInsee})`,
  postalCode: sql<string | null>`(SELECT c.postal_code FROM communes c WHERE c.insee = ${needs.communeInsee})`,
};

export async function getNeedForBuyer(buyerOrgId: string, needId: string) {
  if (!isUuid(needId)) throw new DomainError("not_found", "Besoin introuvable.");
  const [row] = await db
    .select(needWithPlace)
    .from(needs)
    .innerJoin(organisations, eq(organisations.id, needs.clubId))
    .where(and(eq(needs.id, needId), eq(needs.buyerOrganisationId, buyerOrgId)));
  if (!row) throw new DomainError("not_found", "Besoin introuvable.");
  return { ...row, ...(await needDetails(needId)) };
}

/** Needs waiting for this club's approval, oldest first, with their last events. */
export async function needsAwaitingApproval(clubId: string) {
  const rows = await db
    .select({ ...needWithPlace, buyerName: sql<string>`(SELECT o.name FROM organisations o WHERE o.id = ${needs.buyerOrganisationId})` })
    .from(needs)
    .innerJoin(organisations, eq(organisations.id, needs.clubId))
    .where(and(eq(needs.clubId, clubId), eq(needs.status, "submitted")))
    .orderBy(asc(needs.submittedAt));
  return rows;
}

export async function recentClubNeeds(clubId: string) {
  return db
    .select({ id: needs.id, title: needs.title, status: needs.status, updatedAt: needs.updatedAt })
    .from(needs)
    .where(and(eq(needs.clubId, clubId), inArray(needs.status, ["published", "closed", "awarded", "not_awarded", "rejected"])))
    .orderBy(desc(needs.updatedAt))
    .limit(50);
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

/** A PDF attached to a draft (checked by content, 5 MB at most). */
export async function addNeedAttachment(input: { buyerOrgId: string; needId: string; bytes: Uint8Array; filename: string | null }) {
  const check = checkPdfUpload(input.bytes);
  if (!check.ok) throw new DomainError("invalid", check.message, { field: "attachment" });
  return db.transaction(async (tx) => {
    const need = await lockBuyerNeed(tx, input.buyerOrgId, input.needId);
    if (need.status !== "draft") throw new DomainError("conflict", "Seul un brouillon peut recevoir des pièces jointes.");
    const [count] = await tx.select({ n: sql<number>`count(*)::int` }).from(needAttachments).where(eq(needAttachments.needId, need.id));
    if ((count?.n ?? 0) >= MAX_ATTACHMENTS) throw new DomainError("invalid", `${MAX_ATTACHMENTS} pièces jointes au plus.`, { field: "attachment" });
    const uploadId = await storeUpload(tx, { organisationId: input.buyerOrgId, kind: "need_attachment", mime: check.mime, bytes: input.bytes, filename: input.filename });
    await tx.insert(needAttachments).values({ needId: need.id, uploadId });
    return uploadId;
  });
}

/**
 * A need's file for someone allowed to see the need: its attachments, and quotes sent in answers
 * (those only for the buyer). Returns undefined when the file does not belong to the need.
 */
export async function needFile(needId: string, uploadId: string, options: { includeQuotes: boolean }) {
  if (!isUuid(uploadId) || !isUuid(needId)) return undefined;
  const [row] = await db
    .select({ bytes: uploads.bytes, mime: uploads.mime, filename: uploads.filename, size: uploads.size })
    .from(uploads)
    .where(
      and(
        eq(uploads.id, uploadId),
        options.includeQuotes
          ? sql`(EXISTS (SELECT 1 FROM need_attachments a WHERE a.need_id = ${needId} AND a.upload_id = ${uploadId}) OR EXISTS (SELECT 1 FROM need_answers na WHERE na.need_id = ${needId} AND na.quote_upload_id = ${uploadId}))`
          : sql`EXISTS (SELECT 1 FROM need_attachments a WHERE a.need_id = ${needId} AND a.upload_id = ${uploadId})`,
      ),
    );
  return row;
}

/** The PDF as a download response (never rendered inline: it comes from another organisation). */
export function fileResponse(file: { bytes: Buffer; mime: string; filename: string | null; size: number }): Response {
  const name = (file.filename ?? "document.pdf").replace(/[^\w.\- ]+/g, "_");
  return new Response(new Uint8Array(file.bytes), {
    headers: {
      "Content-Type": file.mime,
      "Content-Length": String(file.size),
      "Content-Disposition": `attachment; filename="${name}"`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
    },
  });
}
