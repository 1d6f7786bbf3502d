import { and, asc, eq, ilike, inArray, ne, or, sql } from "drizzle-orm";
import { db } from "../../../db/connection";
import { eventParticipants, eventSlots, meetings, organisations, users } from "../../../db/schema";
import { meetingHeld } from "../opportunities/touchpoints.server";
import { solveSchedule } from "../scheduling/solve";
import type { Meeting, RequestInput } from "../scheduling/types";
import { lockEvent } from "./events.server";
import { buildInstance, pairKey, runScheduleRecord, storeMeetings, type RunResult } from "./scheduling.server";
import { DomainError } from "~/lib/errors";

export type CheckIn = "unknown" | "present" | "absent";

/** Participants for the check-in desk, searched by person or organisation name. */
export async function checkInList(eventId: string, q?: string) {
  const conditions = [eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "approved")];
  if (q) conditions.push(or(ilike(users.displayName, `%${q}%`), ilike(organisations.name, `%${q}%`))!);
  return db
    .select({
      id: eventParticipants.id,
      side: eventParticipants.side,
      checkedIn: eventParticipants.checkedIn,
      name: users.displayName,
      organisation: organisations.name,
      meetings: sql<number>`(SELECT count(*)::int FROM ${meetings} m WHERE m.status <> 'cancelled' AND (m.participant_a = ${eventParticipants.id} OR m.participant_b = ${eventParticipants.id}))`,
    })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(and(...conditions))
    .orderBy(asc(organisations.name), asc(users.displayName));
}

/**
 * Marks a participant present, absent or unknown. Absent frees their meetings: those not yet
 * started are cancelled (their counterparts can be re-paired), those already started are missed.
 */
export async function setCheckIn(input: { eventId: string; participantId: string; status: CheckIn; now?: Date }): Promise<{ freed: number }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    await lockEvent(tx, input.eventId);
    const [participant] = await tx
      .update(eventParticipants)
      .set({ checkedIn: input.status, updatedAt: now })
      .where(and(eq(eventParticipants.id, input.participantId), eq(eventParticipants.eventId, input.eventId), eq(eventParticipants.status, "approved")))
      .returning();
    if (!participant) throw new DomainError("not_found", "Participant introuvable.");
    if (input.status !== "absent") return { freed: 0 };
    const theirs = await tx
      .select({ id: meetings.id, startsAt: eventSlots.startsAt })
      .from(meetings)
      .innerJoin(eventSlots, eq(eventSlots.id, meetings.slotId))
      .where(
        and(
          eq(meetings.eventId, input.eventId),
          eq(meetings.status, "scheduled"),
          or(eq(meetings.participantA, participant.id), eq(meetings.participantB, participant.id)),
        ),
      );
    const future = theirs.filter((m) => m.startsAt > now).map((m) => m.id);
    const past = theirs.filter((m) => m.startsAt <= now).map((m) => m.id);
    if (future.length) await tx.update(meetings).set({ status: "cancelled", locked: false, updatedAt: now }).where(inArray(meetings.id, future));
    if (past.length) await tx.update(meetings).set({ status: "missed", updatedAt: now }).where(inArray(meetings.id, past));
    return { freed: future.length };
  });
}

/**
 * Re-pairs, in the slots not yet started, the present participants whose counterpart is absent:
 * every meeting still on is locked; accepted requests not yet placed between present participants
 * and new buyer–supplier pairs for the freed places are given to the solver.
 */
export async function repairAfterAbsences(input: { eventId: string; actorId?: string | null; now?: Date; seed?: number }): Promise<RunResult & { added: number }> {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    if (event.status !== "published" && event.status !== "scheduling") throw new DomainError("conflict", "Le planning n'est pas encore prêt.");
    const slots = await tx.select().from(eventSlots).where(eq(eventSlots.eventId, event.id)).orderBy(asc(eventSlots.position));
    const remaining = new Set(slots.filter((s) => s.startsAt > now).map((s) => s.id));
    const people = await tx
      .select({ id: eventParticipants.id, side: eventParticipants.side, checkedIn: eventParticipants.checkedIn })
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.status, "approved")));
    const state = new Map(people.map((p) => [p.id, p]));
    const present = (id: string) => state.get(id)?.checkedIn === "present";
    // Places freed by an absent counterpart, per present participant.
    const cancelled = await tx
      .select({ a: meetings.participantA, b: meetings.participantB, slotId: meetings.slotId })
      .from(meetings)
      .where(and(eq(meetings.eventId, event.id), eq(meetings.status, "cancelled")));
    const freed = new Map<string, Set<string>>();
    for (const m of cancelled) {
      if (!remaining.has(m.slotId)) continue;
      for (const [me, other] of [
        [m.a, m.b],
        [m.b, m.a],
      ] as const) {
        if (present(me) && state.get(other)?.checkedIn === "absent") freed.set(me, new Set([...(freed.get(me) ?? []), m.slotId]));
      }
    }
    const built = await buildInstance(tx, event);
    const live = await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.eventId, event.id), ne(meetings.status, "cancelled")));
    const locked: Meeting[] = live.map((m) => ({ a: m.participantA, b: m.participantB, slot: m.slotId, table: m.tableLabel }));
    const scheduled = new Set(live.map((m) => pairKey(m.participantA, m.participantB)));
    const remainingIds = [...remaining];
    const requests: RequestInput[] = [];
    for (const r of built.instance.requests) {
      const key = pairKey(r.a, r.b);
      if (scheduled.has(key)) requests.push(r);
      else if (present(r.a) && present(r.b) && remainingIds.length) requests.push({ ...r, slots: remainingIds });
    }
    const known = new Set(requests.map((r) => pairKey(r.a, r.b)));
    for (const [me, freedSlots] of freed) {
      const mySide = state.get(me)!.side;
      for (const other of people) {
        if (other.id === me || other.side === mySide || !present(other.id)) continue;
        const key = pairKey(me, other.id);
        if (known.has(key)) continue;
        known.add(key);
        requests.push({ a: me, b: other.id, priority: 0.5, slots: [...freedSlots] });
      }
    }
    const instance = { ...built.instance, requests, locked };
    const result = solveSchedule(instance, { seed: input.seed ?? 1 });
    const stored = await storeMeetings(tx, event, built, result.meetings);
    const run = await runScheduleRecord(tx, event, input.actorId ?? null, "repair", built, { ...result, unscheduled: result.unscheduled.filter((u) => built.requestOfPair.has(pairKey(u.a, u.b))) });
    return { ...run, added: stored.inserted };
  });
}

/** One side says whether the meeting took place ("a eu lieu" / "absent"), once its slot has started. */
export async function recordOutcome(input: { eventId: string; meetingId: string; participantId: string; held: boolean; actorId?: string | null; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  await db.transaction(async (tx) => {
    const [row] = await tx
      .select({ meeting: meetings, startsAt: eventSlots.startsAt })
      .from(meetings)
      .innerJoin(eventSlots, eq(eventSlots.id, meetings.slotId))
      .where(and(eq(meetings.id, input.meetingId), eq(meetings.eventId, input.eventId)))
      .for("update", { of: meetings });
    const m = row?.meeting;
    if (!m || (m.participantA !== input.participantId && m.participantB !== input.participantId)) throw new DomainError("not_found", "Ce rendez-vous n'est pas dans votre planning.");
    if (m.status === "cancelled") throw new DomainError("conflict", "Ce rendez-vous a été annulé.");
    if (row.startsAt > now) throw new DomainError("conflict", "Ce rendez-vous n'a pas encore commencé.");
    const heldA = m.participantA === input.participantId ? input.held : m.heldA;
    const heldB = m.participantB === input.participantId ? input.held : m.heldB;
    const status = heldA === false || heldB === false ? "missed" : heldA || heldB ? "held" : m.status;
    await tx.update(meetings).set({ heldA, heldB, status, updatedAt: now }).where(eq(meetings.id, m.id));
    // Each meeting held becomes an opportunity (once: the touchpoint is idempotent).
    if (status === "held") await meetingHeld(tx, { eventId: input.eventId, participantIds: [m.participantA, m.participantB], actorId: input.actorId ?? null, at: now });
  });
}

/** Meetings that took place, for the follow-up module (each becomes an opportunity). */
export async function meetingsHeld(eventId: string) {
  const rows = await db
    .select({
      id: meetings.id,
      eventId: meetings.eventId,
      slotId: meetings.slotId,
      participantA: meetings.participantA,
      participantB: meetings.participantB,
      heldA: meetings.heldA,
      heldB: meetings.heldB,
    })
    .from(meetings)
    .where(and(eq(meetings.eventId, eventId), eq(meetings.status, "held")));
  if (!rows.length) return [];
  const ids = [...new Set(rows.flatMap((r) => [r.participantA, r.participantB]))];
  const people = await db
    .select({ id: eventParticipants.id, organisationId: eventParticipants.organisationId, userId: eventParticipants.userId, side: eventParticipants.side })
    .from(eventParticipants)
    .where(inArray(eventParticipants.id, ids));
  const byId = new Map(people.map((p) => [p.id, p]));
  return rows.map((r) => ({ ...r, a: byId.get(r.participantA)!, b: byId.get(r.participantB)! }));
}
