// Published needs past their response deadline close themselves (the worker calls this every
// minute): status "closed", a need_events row by the system, and the buyer is asked — by mail
// and in the app — to record the outcome.
import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { needEvents, needs, users } from "../../../db/schema";
import { membersOf, notifyUsers } from "../notifications/in-app.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { env } from "~/env.server";
import { formatDate } from "~/lib/format";

/** The action recorded in need_events (no actor: the system did it). */
export const EXPIRED_ACTION = "expired";
/** Needs closed per transaction: a backlog is worked through over the following ticks. */
const BATCH = 50;

/** The deadline is the last day answers are accepted (as answers.server.ts reads it). */
function today(now: Date): string {
  return now.toISOString().slice(0, 10);
}

async function tellBuyer(tx: Executor, need: typeof needs.$inferSelect, now: Date) {
  const link = `/acheteur/besoins/${need.id}`;
  const deadline = need.responseDeadline ? formatDate(`${need.responseDeadline}T12:00:00Z`) : null;
  const paragraph = `La date limite de réponse${deadline ? ` (${deadline})` : ""} de votre besoin « ${need.title} » est passée : il est clos et n'accepte plus de réponses. Indiquez s'il a été attribué ou non : cela sert au suivi de vos achats responsables.`;
  await notifyUsers(tx, await membersOf(tx, [need.buyerOrganisationId]), {
    kind: "need.deadline",
    title: `Besoin clos : ${need.title}`,
    body: "La date limite de réponse est passée. Indiquez l'issue du besoin (attribué ou non).",
    link,
    now,
  });
  if (!need.createdBy) return;
  const [author] = await tx.select({ email: users.email }).from(users).where(eq(users.id, need.createdBy));
  if (!author) return;
  const mail = renderMail({
    subject: `Besoin clos, indiquez l'issue : ${need.title}`,
    greeting: "Bonjour,",
    paragraphs: [paragraph],
    action: { label: "Indiquer l'issue du besoin", url: new URL(link, env().APP_URL).toString() },
    footer: "Vous recevez ce message car vous avez publié ce besoin sur Proxima.",
  });
  await queueMail(tx, { to: author.email, kind: "need.deadline", ...mail });
}

/**
 * Closes the published needs whose response deadline is before `now`'s day. Rows are claimed with
 * SKIP LOCKED (several workers, or a buyer closing at the same moment, never close twice).
 * Returns the ids closed.
 */
export async function closeExpiredNeeds(now: Date): Promise<string[]> {
  const closed: string[] = [];
  for (;;) {
    const batch = await db.transaction(async (tx) => {
      const due = await tx
        .select()
        .from(needs)
        .where(and(eq(needs.status, "published"), lt(needs.responseDeadline, today(now))))
        .orderBy(needs.responseDeadline)
        .limit(BATCH)
        .for("update", { skipLocked: true });
      if (due.length === 0) return [];
      const ids = due.map((n) => n.id);
      await tx
        .update(needs)
        .set({ status: "closed", closedAt: sql`coalesce(${needs.closedAt}, ${now.toISOString()}::timestamptz)`, updatedAt: now })
        .where(inArray(needs.id, ids));
      await tx.insert(needEvents).values(
        due.map((n) => ({
          needId: n.id,
          actorId: null,
          fromStatus: n.status,
          toStatus: "closed" as const,
          action: EXPIRED_ACTION,
          message: "Date limite de réponse passée",
          createdAt: now,
        })),
      );
      for (const need of due) await tellBuyer(tx, need, now);
      return ids;
    });
    closed.push(...batch);
    if (batch.length < BATCH) return closed;
  }
}
