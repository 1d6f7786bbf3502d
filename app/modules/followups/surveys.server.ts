// Follow-up surveys: 30, 90 and 180 days after a touchpoint (an "intéressé" answer, a meeting
// held), each side is asked "Cela a-t-il débouché sur une affaire ?" through a single-use link
// that works without signing in. Due dates are rows of survey_requests (ADR 0008).
import { and, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { events, memberships, needs, opportunities, organisations, suppliers, surveyRequests, users } from "../../../db/schema";
import { hashToken, newToken } from "../accounts/tokens.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { addNote, changeStage, type OpportunityScope } from "../opportunities/opportunities.server";
import { isOpen, lostReasonLabel, type LostReason } from "../opportunities/stages";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatEuros } from "~/lib/format";

export const SURVEY_OFFSETS_DAYS = [30, 90, 180] as const;
/** How long a sent link stays valid. */
export const SURVEY_LINK_DAYS = 60;
export type SurveySide = "buyer" | "supplier";
export type Touchpoint = "need_interest" | "meeting_held";

const dayMs = 24 * 3600_000;

type Recipient = { side: SurveySide; email: string; userId: string | null };

/** Buyer organisation members; supplier organisation members, or the profile's contact address while unclaimed. */
async function recipientsOf(executor: Executor, opportunityId: string): Promise<Recipient[]> {
  const [opp] = await executor
    .select({ buyerOrganisationId: opportunities.buyerOrganisationId, supplierOrganisationId: suppliers.organisationId, supplierEmail: suppliers.email })
    .from(opportunities)
    .innerJoin(suppliers, eq(suppliers.id, opportunities.supplierId))
    .where(eq(opportunities.id, opportunityId));
  if (!opp) return [];
  const members = await executor
    .select({ organisationId: memberships.organisationId, userId: users.id, email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(inArray(memberships.organisationId, [opp.buyerOrganisationId, opp.supplierOrganisationId]));
  const buyers = members.filter((m) => m.organisationId === opp.buyerOrganisationId).map((m) => ({ side: "buyer" as const, email: m.email, userId: m.userId }));
  const supplierMembers = members.filter((m) => m.organisationId === opp.supplierOrganisationId).map((m) => ({ side: "supplier" as const, email: m.email, userId: m.userId }));
  const supplierSide = supplierMembers.length > 0 ? supplierMembers : opp.supplierEmail ? [{ side: "supplier" as const, email: opp.supplierEmail.trim().toLowerCase(), userId: null }] : [];
  return [...buyers, ...supplierSide];
}

/**
 * Writes the 30/90/180-day surveys of a touchpoint for every recipient. Idempotent: one row per
 * (opportunity, recipient, offset); a later touchpoint (a meeting after an "intéressé") moves the
 * surveys not yet sent to count from it.
 */
export async function scheduleSurveys(input: { opportunityId: string; touchpoint: Touchpoint; at: Date }, executor: Executor = db): Promise<number> {
  const recipients = await recipientsOf(executor, input.opportunityId);
  if (recipients.length === 0) return 0;
  const values = recipients.flatMap((r) =>
    SURVEY_OFFSETS_DAYS.map((offsetDays) => ({
      opportunityId: input.opportunityId,
      side: r.side,
      recipientEmail: r.email,
      recipientUserId: r.userId,
      touchpoint: input.touchpoint,
      offsetDays,
      dueAt: new Date(input.at.getTime() + offsetDays * dayMs),
    })),
  );
  const written = await executor
    .insert(surveyRequests)
    .values(values)
    .onConflictDoUpdate({
      target: [surveyRequests.opportunityId, surveyRequests.recipientEmail, surveyRequests.offsetDays],
      set: { dueAt: sql`excluded.due_at`, touchpoint: sql`excluded.touchpoint` },
      setWhere: sql`${surveyRequests.sentAt} IS NULL AND ${surveyRequests.skippedAt} IS NULL AND ${surveyRequests.dueAt} < excluded.due_at`,
    })
    .returning({ id: surveyRequests.id });
  return written.length;
}

function contextSentence(row: { side: SurveySide; buyerName: string; supplierName: string; needTitle: string | null; eventTitle: string | null; touchpoint: string }): string {
  const other = row.side === "buyer" ? row.supplierName : row.buyerName;
  if (row.touchpoint === "meeting_held" && row.eventTitle) return `Vous avez rencontré ${other} lors de « ${row.eventTitle} ».`;
  if (row.needTitle) {
    return row.side === "buyer"
      ? `${row.supplierName} s'est dit intéressé par votre besoin « ${row.needTitle} ».`
      : `Vous vous êtes dit intéressé par le besoin « ${row.needTitle} » de ${row.buyerName}.`;
  }
  return `Vous avez été mis en relation avec ${other}.`;
}

export function surveyUrl(token: string): string {
  return new URL(`/suivi/${token}`, env().APP_URL).toString();
}

/**
 * Mails the surveys due at `now`, in one transaction per batch: the mail, the token's hash and
 * `sent_at` are written together. Surveys of an opportunity already closed are skipped, and so
 * are those overtaken by a later one already due.
 */
export async function sendDueSurveys(now: Date, options: { limit?: number } = {}): Promise<{ sent: number; skipped: number }> {
  return db.transaction(async (tx) => {
    const due = await tx
      .select({
        id: surveyRequests.id,
        side: surveyRequests.side,
        email: surveyRequests.recipientEmail,
        offsetDays: surveyRequests.offsetDays,
        touchpoint: surveyRequests.touchpoint,
        stage: opportunities.stage,
        buyerName: organisations.name,
        supplierName: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})`,
        needTitle: needs.title,
        eventTitle: events.title,
        // A later survey of the same person is due too (a touchpoint recorded late, a worker
        // stopped for months): only the latest one is sent.
        superseded: sql<boolean>`EXISTS (SELECT 1 FROM survey_requests later
          WHERE later.opportunity_id = ${surveyRequests.opportunityId} AND later.recipient_email = ${surveyRequests.recipientEmail}
            AND later.offset_days > ${surveyRequests.offsetDays} AND later.due_at <= ${now.toISOString()}::timestamptz
            AND later.sent_at IS NULL AND later.skipped_at IS NULL)`,
      })
      .from(surveyRequests)
      .innerJoin(opportunities, eq(opportunities.id, surveyRequests.opportunityId))
      .innerJoin(organisations, eq(organisations.id, opportunities.buyerOrganisationId))
      .innerJoin(suppliers, eq(suppliers.id, opportunities.supplierId))
      .leftJoin(needs, eq(needs.id, opportunities.needId))
      .leftJoin(events, eq(events.id, opportunities.eventId))
      .where(and(lte(surveyRequests.dueAt, now), isNull(surveyRequests.sentAt), isNull(surveyRequests.skippedAt)))
      .orderBy(surveyRequests.dueAt)
      .limit(options.limit ?? 200)
      .for("update", { of: surveyRequests, skipLocked: true });
    let sent = 0;
    let skipped = 0;
    for (const row of due) {
      if (!isOpen(row.stage) || row.superseded) {
        await tx.update(surveyRequests).set({ skippedAt: now }).where(eq(surveyRequests.id, row.id));
        skipped++;
        continue;
      }
      const { token, hash } = newToken();
      await tx
        .update(surveyRequests)
        .set({ tokenHash: hash, sentAt: now, expiresAt: new Date(now.getTime() + SURVEY_LINK_DAYS * dayMs) })
        .where(eq(surveyRequests.id, row.id));
      const mail = renderMail({
        subject: "Cela a-t-il débouché sur une affaire ?",
        greeting: "Bonjour,",
        paragraphs: [
          `${contextSentence(row)} C'était il y a ${row.offsetDays} jours.`,
          "Cela a-t-il débouché sur une affaire ? Répondez en un clic : Oui (avec le montant), Pas encore, ou Non (avec la raison). Pas besoin de vous connecter ; le lien ne sert qu'une fois.",
          "Vos réponses aident le club à mesurer ce que les rencontres apportent aux entreprises des quartiers.",
        ],
        action: { label: "Répondre à l'enquête", url: surveyUrl(token) },
        footer: `Vous recevez ce message car vous suivez cette mise en relation sur Proxima. Le lien est valable ${SURVEY_LINK_DAYS} jours.`,
      });
      await queueMail(tx, { to: row.email, kind: "followup.survey", subject: mail.subject, text: mail.text, html: mail.html });
      sent++;
    }
    return { sent, skipped };
  });
}

export type SurveyView =
  | { state: "open"; surveyId: string; side: SurveySide; offsetDays: number; sentence: string; buyerName: string; supplierName: string; stage: string }
  | { state: "used"; answer: string | null }
  | { state: "unknown" };

async function surveyByToken(executor: Executor, token: string) {
  const [row] = await executor
    .select({
      id: surveyRequests.id,
      opportunityId: surveyRequests.opportunityId,
      side: surveyRequests.side,
      offsetDays: surveyRequests.offsetDays,
      touchpoint: surveyRequests.touchpoint,
      expiresAt: surveyRequests.expiresAt,
      answeredAt: surveyRequests.answeredAt,
      answer: surveyRequests.answer,
      recipientUserId: surveyRequests.recipientUserId,
      stage: opportunities.stage,
      buyerOrganisationId: opportunities.buyerOrganisationId,
      supplierId: opportunities.supplierId,
      buyerName: organisations.name,
      supplierName: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})`,
      needTitle: needs.title,
      eventTitle: events.title,
    })
    .from(surveyRequests)
    .innerJoin(opportunities, eq(opportunities.id, surveyRequests.opportunityId))
    .innerJoin(organisations, eq(organisations.id, opportunities.buyerOrganisationId))
    .innerJoin(suppliers, eq(suppliers.id, opportunities.supplierId))
    .leftJoin(needs, eq(needs.id, opportunities.needId))
    .leftJoin(events, eq(events.id, opportunities.eventId))
    .where(eq(surveyRequests.tokenHash, hashToken(token)))
    .limit(1);
  return row;
}

const answerLabels = { yes: "Oui", not_yet: "Pas encore", no: "Non" } as const;

/** What the page shows for a link: the question, "already answered", or nothing (unknown or expired). */
export async function readSurvey(token: string, now: Date): Promise<SurveyView> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return { state: "unknown" };
  const row = await surveyByToken(db, token);
  if (!row) return { state: "unknown" };
  if (row.answeredAt) return { state: "used", answer: row.answer ? answerLabels[row.answer] : null };
  if (!row.expiresAt || row.expiresAt <= now) return { state: "unknown" };
  return {
    state: "open",
    surveyId: row.id,
    side: row.side,
    offsetDays: row.offsetDays,
    sentence: contextSentence(row),
    buyerName: row.buyerName,
    supplierName: row.supplierName,
    stage: row.stage,
  };
}

export type SurveyAnswerInput = { answer: "yes"; amountCents: number } | { answer: "not_yet" } | { answer: "no"; lostReason: LostReason };

/**
 * Records an answer: marks the link used and updates the opportunity in one transaction
 * ("Oui" → won with the amount, "Non" → lost with the reason, "Pas encore" → a note). A second
 * use is refused (410); an opportunity already closed keeps its stage and gets the answer as a note.
 */
export async function answerSurvey(token: string, input: SurveyAnswerInput, now: Date): Promise<{ outcome: "won" | "lost" | "noted" }> {
  return db.transaction(async (tx) => {
    const row = await surveyByToken(tx, token);
    if (row?.answeredAt) throw alreadyAnswered();
    if (!row || !row.expiresAt || row.expiresAt <= now) throw new DomainError("not_found", "Ce lien d'enquête n'existe pas ou a expiré.");
    const [claimed] = await tx
      .update(surveyRequests)
      .set({ answeredAt: now, answer: input.answer })
      .where(and(eq(surveyRequests.id, row.id), isNull(surveyRequests.answeredAt)))
      .returning({ id: surveyRequests.id });
    if (!claimed) throw alreadyAnswered();
    const scope: OpportunityScope = row.side === "buyer" ? { kind: "buyer", organisationId: row.buyerOrganisationId } : { kind: "supplier", supplierId: row.supplierId };
    const via = `Enquête de suivi (${row.offsetDays} jours)`;
    const common = { scope, opportunityId: row.opportunityId, actorId: row.recipientUserId, via, now };
    const label = input.answer === "yes" ? `Oui, ${formatEuros(input.amountCents / 100)} HT` : input.answer === "no" ? `Non : ${lostReasonLabel(input.lostReason)}` : "Pas encore";
    if (!isOpen(row.stage) || input.answer === "not_yet") {
      await addNote({ ...common, note: `Réponse à l'enquête : ${label}.` }, tx);
      return { outcome: "noted" as const };
    }
    if (input.answer === "yes") {
      await changeStage({ ...common, to: "won", contract: { signedOn: parisDay(now), amountCents: input.amountCents, durationMonths: null, recurring: false } }, tx);
      return { outcome: "won" as const };
    }
    await changeStage({ ...common, to: "lost", lostReason: input.lostReason, note: "Réponse à l'enquête : Non." }, tx);
    return { outcome: "lost" as const };
  });
}

function alreadyAnswered(): DomainError {
  return new DomainError("gone", "Vous avez déjà répondu à cette enquête : ce lien ne sert qu'une fois. Merci, votre réponse a été prise en compte.");
}

/** The calendar day in Paris, as YYYY-MM-DD. */
function parisDay(at: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(at);
}

/** The surveys of an opportunity (tests, the follow-up page). */
export async function surveysOf(opportunityId: string, executor: Executor = db) {
  return executor
    .select({
      side: surveyRequests.side,
      email: surveyRequests.recipientEmail,
      offsetDays: surveyRequests.offsetDays,
      dueAt: surveyRequests.dueAt,
      sentAt: surveyRequests.sentAt,
      answeredAt: surveyRequests.answeredAt,
      answer: surveyRequests.answer,
      skippedAt: surveyRequests.skippedAt,
    })
    .from(surveyRequests)
    .where(eq(surveyRequests.opportunityId, opportunityId))
    .orderBy(surveyRequests.side, surveyRequests.recipientEmail, surveyRequests.offsetDays);
}
