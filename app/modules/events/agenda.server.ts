import { aliasedTable, and, asc, eq, ne, or } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { eventParticipants, eventSlots, meetings, organisations, users } from "../../../db/schema";

import { meetingStatusLabel } from "./labels";
export type MeetingStatus = (typeof meetings.$inferSelect)["status"];
export { meetingStatusLabel };

const pa = aliasedTable(eventParticipants, "pa");
const pb = aliasedTable(eventParticipants, "pb");
const ua = aliasedTable(users, "ua");
const ub = aliasedTable(users, "ub");
const oa = aliasedTable(organisations, "oa");
const ob = aliasedTable(organisations, "ob");

/** Meetings of an event with their slot and both sides' names, in slot then table order. */
export async function meetingsOfEvent(eventId: string, options: { participantId?: string; includeCancelled?: boolean } = {}, executor: Executor = db) {
  const conditions = [eq(meetings.eventId, eventId)];
  if (!options.includeCancelled) conditions.push(ne(meetings.status, "cancelled"));
  if (options.participantId) conditions.push(or(eq(meetings.participantA, options.participantId), eq(meetings.participantB, options.participantId))!);
  const rows = await executor
    .select({
      id: meetings.id,
      slotId: meetings.slotId,
      position: eventSlots.position,
      startsAt: eventSlots.startsAt,
      endsAt: eventSlots.endsAt,
      session: eventSlots.session,
      tableLabel: meetings.tableLabel,
      locked: meetings.locked,
      status: meetings.status,
      heldA: meetings.heldA,
      heldB: meetings.heldB,
      version: meetings.version,
      requestId: meetings.requestId,
      aId: pa.id,
      aName: ua.displayName,
      aOrganisation: oa.name,
      aSide: pa.side,
      bId: pb.id,
      bName: ub.displayName,
      bOrganisation: ob.name,
      bSide: pb.side,
    })
    .from(meetings)
    .innerJoin(eventSlots, eq(eventSlots.id, meetings.slotId))
    .innerJoin(pa, eq(pa.id, meetings.participantA))
    .innerJoin(pb, eq(pb.id, meetings.participantB))
    .innerJoin(ua, eq(ua.id, pa.userId))
    .innerJoin(ub, eq(ub.id, pb.userId))
    .innerJoin(oa, eq(oa.id, pa.organisationId))
    .innerJoin(ob, eq(ob.id, pb.organisationId))
    .where(and(...conditions))
    .orderBy(asc(eventSlots.position), asc(meetings.tableLabel));
  return rows.sort((x, y) => x.position - y.position || Number(x.tableLabel) - Number(y.tableLabel) || x.tableLabel.localeCompare(y.tableLabel));
}
export type EventMeeting = Awaited<ReturnType<typeof meetingsOfEvent>>[number];

/** One participant's agenda: each meeting seen from their side. */
export function agendaFor(participantId: string, rows: EventMeeting[]) {
  return rows
    .filter((m) => m.aId === participantId || m.bId === participantId)
    .map((m) => {
      const mine = m.aId === participantId ? "a" : "b";
      return {
        id: m.id,
        position: m.position,
        startsAt: m.startsAt,
        endsAt: m.endsAt,
        tableLabel: m.tableLabel,
        status: m.status,
        version: m.version,
        myOutcome: mine === "a" ? m.heldA : m.heldB,
        counterpartId: mine === "a" ? m.bId : m.aId,
        counterpartName: mine === "a" ? m.bName : m.aName,
        counterpartOrganisation: mine === "a" ? m.bOrganisation : m.aOrganisation,
      };
    });
}
export type AgendaItem = ReturnType<typeof agendaFor>[number];

/** A participant's agenda (their own meetings only). */
export async function agendaOf(eventId: string, participantId: string, options: { includeCancelled?: boolean } = {}, executor: Executor = db) {
  return agendaFor(participantId, await meetingsOfEvent(eventId, { participantId, includeCancelled: options.includeCancelled }, executor));
}

/** For the animator's printout: every approved participant with their agenda, and the list per table. */
export async function allAgendas(eventId: string) {
  const rows = await meetingsOfEvent(eventId);
  const people = await db
    .select({ id: eventParticipants.id, name: users.displayName, organisation: organisations.name, side: eventParticipants.side })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(and(eq(eventParticipants.eventId, eventId), eq(eventParticipants.status, "approved")))
    .orderBy(asc(organisations.name), asc(users.displayName));
  const byTable = new Map<string, EventMeeting[]>();
  for (const m of rows) byTable.set(m.tableLabel, [...(byTable.get(m.tableLabel) ?? []), m]);
  const tables = [...byTable.entries()].sort(([a], [b]) => Number(a) - Number(b) || a.localeCompare(b)).map(([label, list]) => ({ label, meetings: list }));
  return { participants: people.map((p) => ({ ...p, agenda: agendaFor(p.id, rows) })), tables };
}
