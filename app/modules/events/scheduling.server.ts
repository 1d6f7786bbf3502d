import { and, asc, desc, eq, inArray, ne, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { eventParticipants, eventSlots, events, meetingRequests, meetings, organisations, scheduleRuns, suppliers, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { InstanceError, normalize } from "../scheduling/instance";
import { precheck as precheckProblem } from "../scheduling/precheck";
import { solveSchedule } from "../scheduling/solve";
import type { Meeting, Precheck, ScheduleInstance, ScheduleStats, Unscheduled } from "../scheduling/types";
import { agendaFor, meetingsOfEvent } from "./agenda.server";
import { tableLabels } from "./labels";
import { lockEvent, type EventRow } from "./events.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatDate, formatTime } from "~/lib/format";

type ParticipantInfo = { id: string; side: "buyer" | "supplier"; availability: string[] | null; name: string; checkedIn: "unknown" | "present" | "absent"; qpvStatus: string | null };

export function pairKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

export { tableLabels };

/** Mutual wishes first, then one-way ones; a better rank (1 = first choice) weighs more; forced above all. */
export function requestPriority(input: { mutual: boolean; forced: boolean; rank: number; maxWishes: number }): number {
  const base = input.forced ? 4 : input.mutual ? 2 : 1;
  const rankBonus = Math.max(0, input.maxWishes + 1 - Math.min(input.rank, input.maxWishes)) / (input.maxWishes + 1);
  return Math.round((base + rankBonus * 0.9) * 1000) / 1000;
}

/** QPV suppliers get a minimum of meetings, reached first when not all fit. */
export function minMeetingsFor(side: string, qpvStatus: string | null): number {
  if (side !== "supplier") return 0;
  if (qpvStatus === "verified") return 2;
  if (qpvStatus === "declared") return 1;
  return 0;
}

async function participantsFor(executor: Executor, eventId: string): Promise<ParticipantInfo[]> {
  return executor
    .select({
      id: eventParticipants.id,
      side: eventParticipants.side,
      availability: eventParticipants.availability,
      name: sql<string>`${users.displayName} || ' (' || ${organisations.name} || ')'`,
      checkedIn: eventParticipants.checkedIn,
      qpvStatus: suppliers.qpvStatus,
    })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .leftJoin(suppliers, eq(suppliers.organisationId, eventParticipants.organisationId))
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "approved")))
    .orderBy(asc(eventParticipants.createdAt), asc(eventParticipants.id));
}

export type BuiltInstance = {
  instance: ScheduleInstance;
  previous: Meeting[];
  names: Map<string, string>;
  /** Request id standing for each pair (for meetings.request_id). */
  requestOfPair: Map<string, string>;
};

/**
 * The solver's input from the database: slots, tables, approved participants who are not marked
 * absent (with availability and QPV minimum), accepted requests (one per pair, with priority),
 * locked or already held meetings as locks, the current schedule as `previous`.
 */
export async function buildInstance(executor: Executor, event: EventRow, options: { requestSlots?: (a: string, b: string) => string[] | undefined } = {}): Promise<BuiltInstance> {
  const slots = await executor.select().from(eventSlots).where(eq(eventSlots.eventId, event.id)).orderBy(asc(eventSlots.position));
  const people = (await participantsFor(executor, event.id)).filter((p) => p.checkedIn !== "absent");
  const present = new Set(people.map((p) => p.id));
  const accepted = await executor
    .select()
    .from(meetingRequests)
    .where(and(eq(meetingRequests.eventId, event.id), eq(meetingRequests.status, "accepted")))
    .orderBy(asc(meetingRequests.createdAt));
  const byPair = new Map<string, { a: string; b: string; priority: number; requestId: string }>();
  for (const r of accepted) {
    if (!present.has(r.fromParticipant) || !present.has(r.toParticipant)) continue;
    const key = pairKey(r.fromParticipant, r.toParticipant);
    const priority = requestPriority({ mutual: r.mutual, forced: r.forced, rank: r.rank, maxWishes: event.maxWishes });
    const current = byPair.get(key);
    if (!current || current.priority < priority) byPair.set(key, { a: r.fromParticipant, b: r.toParticipant, priority, requestId: current?.requestId ?? r.id });
  }
  const current = await executor
    .select()
    .from(meetings)
    .where(and(eq(meetings.eventId, event.id), ne(meetings.status, "cancelled")));
  const live = current.filter((m) => present.has(m.participantA) && present.has(m.participantB));
  const locked: Meeting[] = live
    .filter((m) => m.locked || m.status === "held" || m.status === "missed")
    .map((m) => ({ a: m.participantA, b: m.participantB, slot: m.slotId, table: m.tableLabel }));
  const previous: Meeting[] = live.filter((m) => m.status === "scheduled").map((m) => ({ a: m.participantA, b: m.participantB, slot: m.slotId, table: m.tableLabel }));
  const tables = tableLabels(event.tablesCount);
  const buyers = people.filter((p) => p.side === "buyer").length;
  const tableMode = event.tableMode === "auto" ? (buyers <= tables.length ? "fixed" : "any") : event.tableMode;
  const instance: ScheduleInstance = {
    slots: slots.map((s) => ({ id: s.id, start: s.startsAt.toISOString(), end: s.endsAt.toISOString(), session: s.session })),
    tables,
    participants: people.map((p) => ({
      id: p.id,
      side: p.side,
      ...(p.availability ? { available: p.availability } : {}),
      minMeetings: minMeetingsFor(p.side, p.qpvStatus),
    })),
    requests: [...byPair.values()].map((r) => {
      const only = options.requestSlots?.(r.a, r.b);
      return { a: r.a, b: r.b, priority: r.priority, ...(only ? { slots: only } : {}) };
    }),
    locked,
    tableMode,
  };
  return {
    instance,
    previous,
    names: new Map(people.map((p) => [p.id, p.name])),
    requestOfPair: new Map([...byPair.entries()].map(([k, v]) => [k, v.requestId])),
  };
}

function named(reason: string, names: Map<string, string>): string {
  let text = reason;
  for (const [id, name] of names) if (text.includes(id)) text = text.replaceAll(id, name);
  return text;
}

/** The pre-check the animator sees before running: capacity, overloaded participants, proven losses. */
export async function precheckEvent(eventId: string): Promise<{ precheck: Precheck | null; issues: string[]; names: Record<string, string> }> {
  const [event] = await db.select().from(events).where(eq(events.id, eventId));
  if (!event) throw new DomainError("not_found", "Cette rencontre n'existe pas.");
  const built = await buildInstance(db, event);
  try {
    const { excess: _excess, ...pre } = precheckProblem(normalize(built.instance));
    return { precheck: pre, issues: [], names: Object.fromEntries(built.names) };
  } catch (error) {
    if (error instanceof InstanceError) return { precheck: null, issues: [error.message], names: Object.fromEntries(built.names) };
    throw error;
  }
}

/**
 * Writes a solver result: a pair already scheduled keeps its row (so its id, the ICS UID, stays),
 * moved when its slot or table changed; new pairs are inserted; pairs left out are deleted, or
 * cancelled when they had been published.
 */
export async function storeMeetings(tx: Executor, event: EventRow, built: BuiltInstance, placed: Meeting[]) {
  const current = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.eventId, event.id), ne(meetings.status, "cancelled")));
  const byPair = new Map<string, (typeof current)[number][]>();
  for (const m of current) byPair.set(pairKey(m.participantA, m.participantB), [...(byPair.get(pairKey(m.participantA, m.participantB)) ?? []), m]);
  const now = new Date();
  let changed = 0;
  const inserts: (typeof meetings.$inferInsert)[] = [];
  for (const m of placed) {
    const key = pairKey(m.a, m.b);
    const existing = byPair.get(key)?.shift();
    if (existing) {
      if (existing.slotId !== m.slot || existing.tableLabel !== m.table) {
        await tx.update(meetings).set({ slotId: m.slot, tableLabel: m.table, updatedAt: now }).where(eq(meetings.id, existing.id));
        changed++;
      }
      continue;
    }
    inserts.push({ eventId: event.id, requestId: built.requestOfPair.get(key) ?? null, participantA: m.a, participantB: m.b, slotId: m.slot, tableLabel: m.table });
  }
  if (inserts.length) await tx.insert(meetings).values(inserts);
  const leftOut = [...byPair.values()].flat().filter((m) => m.status === "scheduled");
  const neverPublished = leftOut.filter((m) => m.version === 0).map((m) => m.id);
  const published = leftOut.filter((m) => m.version > 0).map((m) => m.id);
  if (neverPublished.length) await tx.delete(meetings).where(inArray(meetings.id, neverPublished));
  if (published.length) await tx.update(meetings).set({ status: "cancelled", locked: false, updatedAt: now }).where(inArray(meetings.id, published));
  return { inserted: inserts.length, changed, removed: leftOut.length };
}

export type RunResult = { runId: string; stats: ScheduleStats; unscheduled: Unscheduled[]; precheck: Precheck };

export async function runScheduleRecord(tx: Executor, event: EventRow, actorId: string | null, kind: string, built: BuiltInstance, result: { stats: ScheduleStats; unscheduled: Unscheduled[]; precheck: Precheck }) {
  const unscheduled = result.unscheduled.map((u) => ({ a: u.a, b: u.b, reason: named(u.reason, built.names) }));
  const [run] = await tx
    .insert(scheduleRuns)
    .values({ eventId: event.id, kind, stats: result.stats, precheck: result.precheck, unscheduled, createdBy: actorId })
    .returning({ id: scheduleRuns.id });
  return { runId: run!.id, stats: result.stats, unscheduled, precheck: result.precheck };
}

/**
 * Runs the scheduler on the event and stores the result. Locked meetings stay; the current
 * schedule is passed as `previous`, so a re-run changes few meetings.
 */
export async function runSchedule(input: { eventId: string; actorId?: string | null; seed?: number; timeLimitMs?: number }): Promise<RunResult> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    if (event.status === "draft" || event.status === "done") throw new DomainError("conflict", "Le planning se prépare une fois les inscriptions ouvertes, avant la rencontre.");
    const built = await buildInstance(tx, event);
    let result;
    try {
      result = solveSchedule(built.instance, { seed: input.seed ?? 1, timeLimitMs: input.timeLimitMs, previous: built.previous });
    } catch (error) {
      if (error instanceof InstanceError) throw new DomainError("invalid", named(error.message, built.names));
      throw error;
    }
    await storeMeetings(tx, event, built, result.meetings);
    if (event.status === "open") await tx.update(events).set({ status: "scheduling", updatedAt: new Date() }).where(eq(events.id, event.id));
    return runScheduleRecord(tx, event, input.actorId ?? null, "full", built, result);
  });
}

export async function latestRun(eventId: string) {
  const [run] = await db.select().from(scheduleRuns).where(eq(scheduleRuns.eventId, eventId)).orderBy(desc(scheduleRuns.createdAt)).limit(1);
  return run ?? null;
}

async function meetingOf(tx: Executor, eventId: string, meetingId: string) {
  const [m] = await tx
    .select()
    .from(meetings)
    .where(and(eq(meetings.id, meetingId), eq(meetings.eventId, eventId)))
    .for("update");
  if (!m || m.status === "cancelled") throw new DomainError("not_found", "Ce rendez-vous n'existe pas.");
  return m;
}

export async function setMeetingLock(input: { eventId: string; meetingId: string; locked: boolean }): Promise<void> {
  await db.transaction(async (tx) => {
    await lockEvent(tx, input.eventId);
    const m = await meetingOf(tx, input.eventId, input.meetingId);
    await tx.update(meetings).set({ locked: input.locked, updatedAt: new Date() }).where(eq(meetings.id, m.id));
  });
}

type Placement = { meetingId: string; a: string; b: string; slotId: string; tableLabel: string };

/**
 * Why these placements break a constraint (null when they fit), checked in this order: a
 * participant not available in that slot, already busy in it, or the table already taken. The
 * meetings being placed are ignored where they are now.
 */
async function placementConflict(tx: Executor, event: EventRow, placements: Placement[]): Promise<string | null> {
  const slots = await tx.select().from(eventSlots).where(eq(eventSlots.eventId, event.id));
  const slotById = new Map(slots.map((s) => [s.id, s]));
  const tables = new Set(tableLabels(event.tablesCount));
  const moving = new Set(placements.map((p) => p.meetingId));
  const others = (
    await tx
      .select()
      .from(meetings)
      .where(and(eq(meetings.eventId, event.id), ne(meetings.status, "cancelled")))
  ).filter((m) => !moving.has(m.id));
  const ids = [...new Set(placements.flatMap((p) => [p.a, p.b]))];
  const people = await tx
    .select({ id: eventParticipants.id, availability: eventParticipants.availability, name: sql<string>`${users.displayName} || ' (' || ${organisations.name} || ')'` })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(inArray(eventParticipants.id, ids));
  const person = new Map(people.map((p) => [p.id, p]));
  for (const p of placements) {
    const slot = slotById.get(p.slotId);
    if (!slot) return "Ce créneau n'existe pas pour cette rencontre.";
    const when = `le créneau de ${formatTime(slot.startsAt)}`;
    if (!tables.has(p.tableLabel)) return `La table ${p.tableLabel} n'existe pas (tables 1 à ${event.tablesCount}).`;
    const clash = [...others, ...placements.filter((q) => q !== p).map((q) => ({ id: q.meetingId, slotId: q.slotId, tableLabel: q.tableLabel, participantA: q.a, participantB: q.b }))];
    const nameOf = (who: string) => person.get(who)?.name ?? "Un participant";
    for (const who of [p.a, p.b]) {
      const availability = person.get(who)?.availability;
      if (availability && !availability.includes(p.slotId)) return `${nameOf(who)} n'est pas disponible pour ${when}.`;
    }
    for (const who of [p.a, p.b]) {
      if (clash.some((m) => m.slotId === p.slotId && (m.participantA === who || m.participantB === who))) return `${nameOf(who)} a déjà un rendez-vous pour ${when}.`;
    }
    if (clash.some((m) => m.slotId === p.slotId && m.tableLabel === p.tableLabel)) return `La table ${p.tableLabel} est déjà prise pour ${when}.`;
  }
  return null;
}

/** Moves a meeting to a slot and table; refused with a French reason when it breaks a constraint. The moved meeting is locked. */
export async function moveMeeting(input: { eventId: string; meetingId: string; slotId: string; tableLabel: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const m = await meetingOf(tx, event.id, input.meetingId);
    const conflict = await placementConflict(tx, event, [{ meetingId: m.id, a: m.participantA, b: m.participantB, slotId: input.slotId, tableLabel: input.tableLabel }]);
    if (conflict) throw new DomainError("conflict", conflict);
    await tx.update(meetings).set({ slotId: input.slotId, tableLabel: input.tableLabel, locked: true, updatedAt: new Date() }).where(eq(meetings.id, m.id));
  });
}

/** Swaps the slots and tables of two meetings, refused when either no longer fits. Both are locked. */
export async function swapMeetings(input: { eventId: string; meetingId: string; otherMeetingId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    const m1 = await meetingOf(tx, event.id, input.meetingId);
    const m2 = await meetingOf(tx, event.id, input.otherMeetingId);
    if (m1.id === m2.id) throw new DomainError("invalid", "Choisissez deux rendez-vous différents.", { field: "otherMeetingId" });
    const conflict = await placementConflict(tx, event, [
      { meetingId: m1.id, a: m1.participantA, b: m1.participantB, slotId: m2.slotId, tableLabel: m2.tableLabel },
      { meetingId: m2.id, a: m2.participantA, b: m2.participantB, slotId: m1.slotId, tableLabel: m1.tableLabel },
    ]);
    if (conflict) throw new DomainError("conflict", conflict);
    const now = new Date();
    await tx.update(meetings).set({ slotId: m2.slotId, tableLabel: m2.tableLabel, locked: true, updatedAt: now }).where(eq(meetings.id, m1.id));
    await tx.update(meetings).set({ slotId: m1.slotId, tableLabel: m1.tableLabel, locked: true, updatedAt: now }).where(eq(meetings.id, m2.id));
  });
}

/**
 * Publishes the schedule: the version goes up (ICS SEQUENCE), and every approved participant gets
 * a mail with their agenda and the link to their .ics file.
 */
export async function publishSchedule(input: { eventId: string }): Promise<{ version: number; mails: number }> {
  return db.transaction(async (tx) => {
    const event = await lockEvent(tx, input.eventId);
    if (event.status !== "scheduling" && event.status !== "published") throw new DomainError("conflict", "Préparez le planning avant de le publier.");
    const rows = await meetingsOfEvent(event.id, {}, tx);
    if (rows.length === 0) throw new DomainError("conflict", "Le planning est vide : lancez la planification d'abord.");
    const version = event.publishedVersion + 1;
    await tx.update(meetings).set({ version }).where(and(eq(meetings.eventId, event.id), ne(meetings.status, "cancelled")));
    await tx.update(events).set({ status: "published", publishedVersion: version, updatedAt: new Date() }).where(eq(events.id, event.id));
    const people = await tx
      .select({ id: eventParticipants.id, email: users.email, name: users.displayName })
      .from(eventParticipants)
      .innerJoin(users, eq(users.id, eventParticipants.userId))
      .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.status, "approved")));
    const base = env().APP_URL;
    for (const p of people) {
      const agenda = agendaFor(p.id, rows);
      const lines = agenda.length
        ? agenda.map((m) => `${formatTime(m.startsAt)}–${formatTime(m.endsAt)} · table ${m.tableLabel} · ${m.counterpartName} (${m.counterpartOrganisation})`)
        : ["Aucun rendez-vous n'a pu être placé pour vous. L'animateur du club reviendra vers vous."];
      await queueMail(tx, {
        to: p.email,
        kind: "event.agenda_published",
        ...renderMail({
          greeting: `Bonjour ${p.name},`,
          subject: `${version > 1 ? "Planning mis à jour" : "Votre planning"} : ${event.title}`,
          paragraphs: [
            `Voici vos rendez-vous du ${formatDate(event.date)} (${event.venue}) :`,
            lines.join("\n"),
            `Ajoutez-les à votre agenda : ${new URL(`/rencontres/${event.slug}/agenda.ics`, base).toString()}`,
          ],
          action: { label: "Voir mon planning", url: new URL(`/rencontres/${event.slug}/mes-rendez-vous`, base).toString() },
        }),
      });
    }
    return { version, mails: people.length };
  });
}

/** Number of scheduled meetings per participant pair, for tests and the animator's checks. */
export async function scheduledPairs(eventId: string): Promise<string[]> {
  const rows = await db
    .select({ a: meetings.participantA, b: meetings.participantB })
    .from(meetings)
    .where(and(eq(meetings.eventId, eventId), or(eq(meetings.status, "scheduled"), eq(meetings.status, "held"))));
  return rows.map((r) => pairKey(r.a, r.b)).sort();
}
