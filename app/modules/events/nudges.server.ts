import { and, eq, gt, inArray, isNull, lte, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { eventParticipants, events, meetingRequests, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { env } from "~/env.server";
import { formatDateTime } from "~/lib/format";

/** How long before the wish deadline a participant with no meeting yet is reminded. */
export const nudgeWindowMs = 48 * 3600 * 1000;

/**
 * Periodic task (every minute, from the worker): for each event whose wish deadline falls within
 * the next 48 hours, every approved participant with no pending or accepted meeting request (sent
 * or received) gets one mail pointing to the catalogue. The participant row records the sending,
 * in the same transaction as the mail, so a participant is reminded once, whatever the reruns.
 */
export async function nudgeParticipantsWithoutMeetings(now: Date): Promise<number> {
  const due = await db
    .select({ id: events.id })
    .from(events)
    .where(and(inArray(events.status, ["open", "scheduling"]), gt(events.wishDeadline, now), lte(events.wishDeadline, new Date(now.getTime() + nudgeWindowMs))));
  let sent = 0;
  for (const event of due) sent += await db.transaction((tx) => nudgeEvent(tx, event.id, now));
  return sent;
}

async function nudgeEvent(tx: Executor, eventId: string, now: Date): Promise<number> {
  const [event] = await tx.select().from(events).where(eq(events.id, eventId)).for("update");
  if (!event?.wishDeadline) return 0;
  const hasRequest = sql`EXISTS (SELECT 1 FROM ${meetingRequests} r
    WHERE r.event_id = ${eventId} AND r.status IN ('pending', 'accepted')
      AND (r.from_participant = ${eventParticipants.id} OR r.to_participant = ${eventParticipants.id}))`;
  // Claim the rows first: a concurrent run finds them already nudged.
  const claimed = await tx
    .update(eventParticipants)
    .set({ wishNudgedAt: now })
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "approved"), isNull(eventParticipants.wishNudgedAt), sql`NOT ${hasRequest}`))
    .returning({ userId: eventParticipants.userId });
  if (!claimed.length) return 0;
  const people = await tx
    .select({ email: users.email, name: users.displayName })
    .from(users)
    .where(inArray(users.id, claimed.map((c) => c.userId)));
  const url = new URL(`/rencontres/${event.slug}/participants`, env().APP_URL).toString();
  for (const person of people) {
    await queueMail(tx, {
      to: person.email,
      kind: "event.wish_nudge",
      ...renderMail({
        subject: `Pas encore de rendez-vous : ${event.title}`,
        greeting: `Bonjour ${person.name},`,
        paragraphs: [
          `Vous n'avez encore aucun rendez-vous prévu pour la rencontre « ${event.title} ».`,
          `Les demandes de rendez-vous ferment le ${formatDateTime(event.wishDeadline)} : parcourez les participants et demandez les rencontres qui vous intéressent.`,
        ],
        action: { label: "Voir les participants", url },
      }),
    });
  }
  return people.length;
}
