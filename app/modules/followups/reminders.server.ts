// Reminders of the follow-up: buyers whose needs closed without an outcome, and the club
// animators' weekly digest of opportunities without news. Both are periodic jobs; what was
// mailed is recorded in follow_up_notices, so a job that runs twice mails once.
import { and, desc, eq, gt, inArray, isNotNull, lt, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { followUpNotices, memberships, needs, opportunities, organisations, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { staleOpportunities } from "../opportunities/opportunities.server";
import { stageLabels } from "../opportunities/stages";
import { env } from "~/env.server";
import { formatDate } from "~/lib/format";

const dayMs = 24 * 3600_000;
export const OUTCOME_REMINDER_AFTER_DAYS = 7;
export const OUTCOME_REMINDER_EVERY_DAYS = 7;
export const STALE_AFTER_DAYS = 60;

function appUrl(path: string): string {
  return new URL(path, env().APP_URL).toString();
}

async function noticeSince(tx: Executor, kind: string, subjectId: string, since: Date): Promise<boolean> {
  const [row] = await tx
    .select({ id: followUpNotices.id })
    .from(followUpNotices)
    .where(and(eq(followUpNotices.kind, kind), eq(followUpNotices.subjectId, subjectId), gt(followUpNotices.sentAt, since)))
    .limit(1);
  return Boolean(row);
}

async function emailsOfOrganisation(tx: Executor, organisationId: string): Promise<string[]> {
  const members = await tx
    .select({ email: users.email })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(users.email);
  return members.map((m) => m.email);
}

/** Needs closed at their deadline 7+ days ago that still have no outcome (awarded, not awarded, cancelled). */
export async function needsAwaitingOutcome(now: Date, executor: Executor = db) {
  const cutoff = new Date(now.getTime() - OUTCOME_REMINDER_AFTER_DAYS * dayMs);
  // A need closed by a path that did not stamp closed_at counts from its last change.
  const closedOn = sql<Date>`coalesce(${needs.closedAt}, ${needs.updatedAt})`.mapWith(needs.closedAt);
  return executor
    .select({ id: needs.id, title: needs.title, buyerOrganisationId: needs.buyerOrganisationId, createdBy: needs.createdBy, closedAt: closedOn })
    .from(needs)
    .where(and(eq(needs.status, "closed"), sql`${closedOn} <= ${cutoff.toISOString()}::timestamptz`))
    .orderBy(closedOn);
}

/**
 * Daily: asks the buyer to record the outcome of each need closed without one for a week or more,
 * at most once a week per need. The author is asked; without an author, every member.
 */
export async function remindNeedOutcomes(now: Date): Promise<number> {
  const candidates = await needsAwaitingOutcome(now);
  let reminded = 0;
  for (const need of candidates) {
    const sent = await db.transaction(async (tx) => {
      // Lock the need: two workers never remind the same need twice.
      const [locked] = await tx.select({ status: needs.status }).from(needs).where(eq(needs.id, need.id)).for("update");
      if (locked?.status !== "closed") return false;
      if (await noticeSince(tx, "need_outcome", need.id, new Date(now.getTime() - OUTCOME_REMINDER_EVERY_DAYS * dayMs))) return false;
      const author = need.createdBy
        ? await tx
            .select({ email: users.email })
            .from(users)
            .innerJoin(memberships, and(eq(memberships.userId, users.id), eq(memberships.organisationId, need.buyerOrganisationId)))
            .where(eq(users.id, need.createdBy))
        : [];
      const recipients = author.length > 0 ? author.map((a) => a.email) : await emailsOfOrganisation(tx, need.buyerOrganisationId);
      if (recipients.length === 0) return false;
      const mail = renderMail({
        subject: `Quelle suite pour « ${need.title} » ?`,
        greeting: "Bonjour,",
        paragraphs: [
          `Votre besoin « ${need.title} » est clos depuis le ${formatDate(need.closedAt)}, sans issue enregistrée.`,
          "Indiquez s'il a été attribué (à quel fournisseur, pour quel montant), s'il ne l'a pas été, ou s'il est annulé : les fournisseurs qui ont répondu sont prévenus et le club peut mesurer ce que ses besoins ont apporté.",
        ],
        action: { label: "Enregistrer l'issue du besoin", url: appUrl(`/acheteur/besoins/${need.id}`) },
        footer: "Vous recevez ce message car vous avez publié ce besoin sur Proxima. Un rappel au plus par semaine tant que l'issue n'est pas enregistrée.",
      });
      for (const to of recipients) await queueMail(tx, { to, kind: "followup.need_outcome", subject: mail.subject, text: mail.text, html: mail.html });
      await tx.insert(followUpNotices).values({ kind: "need_outcome", subjectId: need.id, recipients: recipients.length, sentAt: now });
      return true;
    });
    if (sent) reminded++;
  }
  return reminded;
}

/** Clubs that have open opportunities without news since `before`. */
async function clubsWithStaleOpportunities(before: Date, executor: Executor = db) {
  return executor
    .selectDistinct({ clubId: opportunities.clubId, slug: organisations.slug, name: organisations.name })
    .from(opportunities)
    .innerJoin(organisations, eq(organisations.id, opportunities.clubId))
    .where(and(isNotNull(opportunities.clubId), inArray(opportunities.stage, ["contact", "meeting_held", "quote_sent"]), lt(opportunities.updatedAt, before)));
}

const digestListMax = 30;

/**
 * Weekly (Monday 8:00, Paris): each club's animators get the club's open opportunities without
 * news for 60 days, with a link to the follow-up page. Once per club per week.
 */
export async function sendStaleOpportunityDigests(now: Date): Promise<number> {
  const before = new Date(now.getTime() - STALE_AFTER_DAYS * dayMs);
  let sent = 0;
  for (const club of await clubsWithStaleOpportunities(before)) {
    const clubId = club.clubId!;
    const done = await db.transaction(async (tx) => {
      const [locked] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.id, clubId)).for("update");
      if (!locked) return false;
      if (await noticeSince(tx, "stale_digest", clubId, new Date(now.getTime() - 6 * dayMs))) return false;
      const animators = await emailsOfOrganisation(tx, clubId);
      if (animators.length === 0) return false;
      const stale = await staleOpportunities(clubId, before, tx);
      if (stale.length === 0) return false;
      const lines = stale
        .slice(0, digestListMax)
        .map((o) => `• ${o.buyerName} — ${o.supplierName}${o.needTitle ? ` (« ${o.needTitle} »)` : o.eventTitle ? ` (${o.eventTitle})` : ""} : ${stageLabels[o.stage]}, sans nouvelle depuis le ${formatDate(o.updatedAt)}`);
      const more = stale.length > digestListMax ? [`… et ${stale.length - digestListMax} autres.`] : [];
      const mail = renderMail({
        subject: `${stale.length} opportunité${stale.length > 1 ? "s" : ""} sans nouvelle depuis 60 jours — ${club.name}`,
        greeting: "Bonjour,",
        paragraphs: [
          `Ces mises en relation des participants du club n'ont pas bougé depuis plus de ${STALE_AFTER_DAYS} jours. Un appel ou un point lors de la prochaine session de suivi permettra de savoir où elles en sont.`,
          [...lines, ...more].join("\n"),
        ],
        action: { label: "Ouvrir le suivi du club", url: appUrl(`/clubs/${club.slug}/suivi`) },
        footer: "Vous recevez ce message chaque lundi car vous animez ce club sur Proxima.",
      });
      for (const to of animators) await queueMail(tx, { to, kind: "followup.stale_digest", subject: mail.subject, text: mail.text, html: mail.html });
      await tx.insert(followUpNotices).values({ kind: "stale_digest", subjectId: clubId, recipients: animators.length, sentAt: now });
      return true;
    });
    if (done) sent++;
  }
  return sent;
}

/** The last notices of a subject (tests, and what a page may show: "relancé le …"). */
export async function noticesOf(kind: string, subjectId: string, executor: Executor = db) {
  return executor
    .select({ sentAt: followUpNotices.sentAt, recipients: followUpNotices.recipients })
    .from(followUpNotices)
    .where(and(eq(followUpNotices.kind, kind), eq(followUpNotices.subjectId, subjectId)))
    .orderBy(desc(followUpNotices.sentAt));
}
