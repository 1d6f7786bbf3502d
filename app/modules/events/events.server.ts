import { and, asc, count, desc, eq, gte, inArray, like, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { eventParticipants, eventSlots, events, meetings, organisations } from "../../../db/schema";
import { setEventTicketPrice } from "../billing/prices.server";
import { statusLabel } from "./labels";
import { promoteWaitlist } from "./registration.server";
import type { EventSettings } from "./schemas";
import { deriveSlots } from "./slots";
import { DomainError } from "~/lib/errors";
import { slugify } from "~/lib/text";

export type EventRow = typeof events.$inferSelect;
export type EventStatus = EventRow["status"];
export { statusLabel };
export type SlotRow = typeof eventSlots.$inferSelect;


/** Status changes an animator may make by hand (publication goes through publishSchedule). */
const transitions: Record<EventStatus, EventStatus[]> = {
  draft: ["open"],
  open: ["draft", "scheduling"],
  scheduling: ["open"],
  published: ["scheduling", "done"],
  done: [],
  // Cancelling refunds tickets: it goes through cancelEvent, never through a plain status change.
  cancelled: [],
};

export function allowedTransitions(status: EventStatus): EventStatus[] {
  return transitions[status];
}

/** Today's date in Paris, YYYY-MM-DD. */
export function parisToday(now: Date): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(now);
}

async function uniqueEventSlug(tx: Executor, title: string, date: string): Promise<string> {
  const base = `${slugify(title).slice(0, 60)}-${date}`;
  const taken = new Set((await tx.select({ slug: events.slug }).from(events).where(or(eq(events.slug, base), like(events.slug, `${base}-%`)))).map((r) => r.slug));
  if (!taken.has(base)) return base;
  for (let i = 2; ; i++) if (!taken.has(`${base}-${i}`)) return `${base}-${i}`;
}

/** Writes the slots derived from the settings (the event has no meeting yet). */
async function writeSlots(tx: Executor, event: EventRow): Promise<void> {
  await tx.delete(eventSlots).where(eq(eventSlots.eventId, event.id));
  const slots = deriveSlots(event);
  if (slots.length) {
    await tx.insert(eventSlots).values(slots.map((s) => ({ eventId: event.id, position: s.position, startsAt: s.startsAt, endsAt: s.endsAt, session: s.session })));
  }
}

export async function createEvent(input: { clubId: string; actorId: string; settings: EventSettings }, executor: Executor = db): Promise<EventRow> {
  const run = async (tx: Executor) => {
    const slug = await uniqueEventSlug(tx, input.settings.title, input.settings.date);
    const [event] = await tx
      .insert(events)
      .values({ ...input.settings, clubId: input.clubId, slug, createdBy: input.actorId })
      .returning();
    await writeSlots(tx, event!);
    // The billing module keeps the price Checkout charges: one write, in the same transaction.
    await setEventTicketPrice({ clubId: input.clubId, eventId: event!.id, ticketPriceCents: event!.ticketPriceCents }, tx);
    return event!;
  };
  return executor === db ? db.transaction(run) : run(executor);
}

/** The event of this club, locked when `forUpdate`; a 404 for another club's event. */
export async function eventOfClub(executor: Executor, clubId: string, slug: string, forUpdate = false): Promise<EventRow> {
  const query = executor.select().from(events).where(and(eq(events.clubId, clubId), eq(events.slug, slug)));
  const [event] = forUpdate ? await query.for("update") : await query;
  if (!event) throw new DomainError("not_found", "Cette rencontre n'existe pas.");
  return event;
}

export async function lockEvent(executor: Executor, eventId: string): Promise<EventRow> {
  const [event] = await executor.select().from(events).where(eq(events.id, eventId)).for("update");
  if (!event) throw new DomainError("not_found", "Cette rencontre n'existe pas.");
  return event;
}

/**
 * Saves the settings. Slots are derived again when the times change, which is refused once
 * meetings exist; participants' own slot choices are then reset to "every slot".
 */
export async function updateEvent(input: { clubId: string; slug: string; settings: EventSettings }): Promise<{ event: EventRow; slotsChanged: boolean }> {
  return db.transaction(async (tx) => {
    const before = await eventOfClub(tx, input.clubId, input.slug, true);
    if (before.status === "done") throw new DomainError("conflict", "Cette rencontre est terminée : ses réglages ne changent plus.");
    const existing = await tx.select().from(eventSlots).where(eq(eventSlots.eventId, before.id)).orderBy(asc(eventSlots.position));
    const next = deriveSlots(input.settings);
    const same =
      existing.length === next.length &&
      existing.every((s, i) => s.startsAt.getTime() === next[i]!.startsAt.getTime() && s.endsAt.getTime() === next[i]!.endsAt.getTime() && s.session === next[i]!.session);
    if (!same) {
      const [used] = await tx.select({ n: count() }).from(meetings).where(eq(meetings.eventId, before.id));
      if (used!.n > 0) throw new DomainError("conflict", "Un planning existe déjà : les horaires ne peuvent plus changer.", { field: "meetingMinutes" });
    }
    const [event] = await tx
      .update(events)
      .set({ ...input.settings, updatedAt: new Date() })
      .where(eq(events.id, before.id))
      .returning();
    await setEventTicketPrice({ clubId: input.clubId, eventId: event!.id, ticketPriceCents: event!.ticketPriceCents }, tx);
    if (!same) {
      await writeSlots(tx, event!);
      await tx.update(eventParticipants).set({ availability: null }).where(eq(eventParticipants.eventId, event!.id));
    }
    // More places may free the waiting list.
    await promoteWaitlist(tx, event!, "buyer");
    await promoteWaitlist(tx, event!, "supplier");
    return { event: event!, slotsChanged: !same };
  });
}

export async function setEventStatus(input: { clubId: string; slug: string; status: EventStatus }): Promise<EventRow> {
  return db.transaction(async (tx) => {
    const event = await eventOfClub(tx, input.clubId, input.slug, true);
    if (!transitions[event.status].includes(input.status)) {
      throw new DomainError("conflict", `Impossible de passer de « ${statusLabel[event.status]} » à « ${statusLabel[input.status]} ».`);
    }
    if (input.status === "open") {
      const [slots] = await tx.select({ n: count() }).from(eventSlots).where(eq(eventSlots.eventId, event.id));
      if (!slots!.n) throw new DomainError("invalid", "Aucun créneau : vérifiez les horaires avant d'ouvrir les inscriptions.");
    }
    const [updated] = await tx.update(events).set({ status: input.status, updatedAt: new Date() }).where(eq(events.id, event.id)).returning();
    return updated!;
  });
}

export async function slotsOf(eventId: string, executor: Executor = db): Promise<SlotRow[]> {
  return executor.select().from(eventSlots).where(eq(eventSlots.eventId, eventId)).orderBy(asc(eventSlots.position));
}

/** A club's events, latest first, with registration counts. */
export async function eventsOfClub(clubId: string) {
  return db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      date: events.date,
      status: events.status,
      venue: events.venue,
      buyers: sql<number>`(SELECT count(*)::int FROM ${eventParticipants} p WHERE p.event_id = ${events.id} AND p.side = 'buyer' AND p.status = 'approved')`,
      suppliers: sql<number>`(SELECT count(*)::int FROM ${eventParticipants} p WHERE p.event_id = ${events.id} AND p.side = 'supplier' AND p.status = 'approved')`,
    })
    .from(events)
    .where(eq(events.clubId, clubId))
    .orderBy(desc(events.date));
}

/** Events anyone can see: not drafts, from today on (Paris), soonest first. */
export async function upcomingPublicEvents(now: Date = new Date()) {
  return db
    .select({
      id: events.id,
      slug: events.slug,
      title: events.title,
      description: events.description,
      date: events.date,
      venue: events.venue,
      status: events.status,
      sessions: events.sessions,
      registrationClosesAt: events.registrationClosesAt,
      clubName: organisations.name,
    })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.clubId))
    .where(and(ne(events.status, "draft"), inArray(events.status, ["open", "scheduling", "published"]), gte(events.date, parisToday(now))))
    .orderBy(asc(events.date));
}

/** A public event by its slug (never a draft), with its club. */
export async function publicEventBySlug(slug: string, executor: Executor = db) {
  const [row] = await executor
    .select({ event: events, clubName: organisations.name, clubSlug: organisations.slug })
    .from(events)
    .innerJoin(organisations, eq(organisations.id, events.clubId))
    .where(and(eq(events.slug, slug), ne(events.status, "draft")));
  if (!row) throw new DomainError("not_found", "Cette rencontre n'existe pas.");
  return row;
}

/** Whether registration is open at `now`, and why not, in French. */
export function registrationState(event: Pick<EventRow, "status" | "registrationOpensAt" | "registrationClosesAt">, now: Date): { open: boolean; reason: string | null } {
  if (event.status !== "open") return { open: false, reason: "Les inscriptions sont fermées." };
  if (event.registrationOpensAt && now < event.registrationOpensAt) return { open: false, reason: "Les inscriptions ne sont pas encore ouvertes." };
  if (event.registrationClosesAt && now > event.registrationClosesAt) return { open: false, reason: "Les inscriptions sont closes." };
  return { open: true, reason: null };
}
