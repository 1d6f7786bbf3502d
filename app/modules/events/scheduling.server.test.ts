import { and, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { events, mails, meetings, scheduleRuns } from "../../../db/schema";
import { agendaOf, meetingsOfEvent } from "./agenda.server";
import { gridCsv } from "./csv.server";
import { slotsOf, type EventRow } from "./events.server";
import { agendaIcs } from "./ics";
import { icsDate, parseIcs } from "./ics-parse";
import { buildInstance, moveMeeting, precheckEvent, publishSchedule, requestPriority, runSchedule, setMeetingLock, swapMeetings } from "./scheduling.server";
import { clubFixture, openEvent, participant } from "./test-fixtures";
import { answerWish, forceMeeting, sendWish } from "./wishes.server";
import { DomainError } from "~/lib/errors";

const now = new Date("2027-01-15T10:00:00Z");
let event: EventRow;
let slotIds: string[] = [];
const p: Record<string, Awaited<ReturnType<typeof participant>>> = {};

async function accepted(from: string, to: string) {
  const r = await sendWish({ eventId: event.id, fromParticipantId: p[from]!.id, toParticipantId: p[to]!.id, now });
  if (r.status === "pending") await answerWish({ eventId: event.id, requestId: r.id, participantId: p[to]!.id, accept: true, now });
}

function expectValid(rows: Awaited<ReturnType<typeof meetingsOfEvent>>) {
  const seen = new Set<string>();
  for (const m of rows) {
    for (const key of [`${m.aId}@${m.slotId}`, `${m.bId}@${m.slotId}`, `table ${m.tableLabel}@${m.slotId}`]) {
      expect(seen.has(key), key).toBe(false);
      seen.add(key);
    }
  }
}

beforeAll(async () => {
  const { club, animator } = await clubFixture();
  // 4 slots of 15 min from 9:00 (Paris), 3 tables.
  event = await openEvent(club.id, animator.id, { tablesCount: "3" });
  slotIds = (await slotsOf(event.id)).map((s) => s.id);
  p.B1 = await participant(event.id, "buyer", { name: "Béatrice Achat" });
  p.B2 = await participant(event.id, "buyer", { name: "Bruno Achat" });
  p.B3 = await participant(event.id, "buyer", { name: "Bastien Tardif", slots: [slotIds[1]!] });
  p.S1 = await participant(event.id, "supplier", { name: "Samia QPV", qpvStatus: "verified" });
  p.S2 = await participant(event.id, "supplier", { name: "Sacha Déclaré", qpvStatus: "declared" });
  p.S3 = await participant(event.id, "supplier", { name: "Sonia Matin", slots: [slotIds[0]!, slotIds[1]!] });
  p.S4 = await participant(event.id, "supplier", { name: "Simon Tôt", slots: [slotIds[0]!] });
  await sendWish({ eventId: event.id, fromParticipantId: p.B1!.id, toParticipantId: p.S1!.id, now });
  await sendWish({ eventId: event.id, fromParticipantId: p.S1!.id, toParticipantId: p.B1!.id, now }); // mutual
  await accepted("B1", "S2");
  await accepted("B2", "S1");
  await accepted("B2", "S3");
  await accepted("S2", "S3"); // supplier ↔ supplier
  await accepted("B3", "S4"); // no common slot
});

describe("scheduling from the database", () => {
  it("builds the solver's instance: slots, tables, availability, priorities, QPV minimums, fixed tables", async () => {
    const built = await buildInstance(db, event);
    expect(built.instance.slots.map((s) => s.id)).toEqual(slotIds);
    expect(built.instance.tables).toEqual(["1", "2", "3"]);
    expect(built.instance.tableMode).toBe("fixed");
    const byId = new Map(built.instance.participants.map((x) => [x.id, x]));
    expect(byId.get(p.S1!.id)!.minMeetings).toBe(2);
    expect(byId.get(p.S2!.id)!.minMeetings).toBe(1);
    expect(byId.get(p.B1!.id)!.minMeetings).toBe(0);
    expect(byId.get(p.S3!.id)!.available).toEqual([slotIds[0], slotIds[1]]);
    expect(byId.get(p.B1!.id)!.available).toBeUndefined();
    expect(built.instance.requests).toHaveLength(6);
    const mutual = built.instance.requests.find((r) => [r.a, r.b].includes(p.S1!.id) && [r.a, r.b].includes(p.B1!.id))!;
    const oneWay = built.instance.requests.find((r) => [r.a, r.b].includes(p.S2!.id) && [r.a, r.b].includes(p.B1!.id))!;
    expect(mutual.priority).toBeGreaterThan(oneWay.priority);
    expect(requestPriority({ mutual: false, forced: false, rank: 1, maxWishes: 5 })).toBeGreaterThan(requestPriority({ mutual: false, forced: false, rank: 3, maxWishes: 5 }));
    expect(requestPriority({ mutual: false, forced: true, rank: 5, maxWishes: 5 })).toBeGreaterThan(requestPriority({ mutual: true, forced: false, rank: 1, maxWishes: 5 }));
  });

  it("shows the pre-check, runs the solver and stores meetings and the unscheduled pair with its French reason", async () => {
    const pre = await precheckEvent(event.id);
    expect(pre.precheck!.requested).toBe(6);
    expect(pre.precheck!.noCommonSlot).toHaveLength(1);
    const run = await runSchedule({ eventId: event.id });
    expect(run.stats.scheduled).toBe(5);
    expect(run.unscheduled).toEqual([{ a: expect.any(String), b: expect.any(String), reason: "Aucun créneau commun de disponibilité" }]);
    const rows = await meetingsOfEvent(event.id);
    expect(rows).toHaveLength(5);
    expectValid(rows);
    const s3 = rows.filter((m) => m.aId === p.S3!.id || m.bId === p.S3!.id);
    expect(s3.every((m) => [slotIds[0], slotIds[1]].includes(m.slotId))).toBe(true);
    const [stored] = await db.select().from(events).where(eq(events.id, event.id));
    expect(stored!.status).toBe("scheduling");
    expect(await db.select().from(scheduleRuns).where(eq(scheduleRuns.eventId, event.id))).toHaveLength(1);
    // In fixed mode each buyer keeps one table all morning.
    for (const buyer of [p.B1!, p.B2!]) {
      const tables = new Set(rows.filter((m) => m.aId === buyer.id || m.bId === buyer.id).map((m) => m.tableLabel));
      expect(tables.size).toBe(1);
    }
  });

  it("refuses a move or a swap that breaks a constraint, with the reason in French", async () => {
    const rows = await meetingsOfEvent(event.id);
    const refuse = async (run: Promise<unknown>) => ((await run.catch((e: unknown) => e)) as DomainError).message;
    const involves = (m: (typeof rows)[number], ids: string[]) => ids.includes(m.aId) || ids.includes(m.bId);
    const [m1, m2] = rows.filter((m) => involves(m, [p.B1!.id]));
    // Participant busy: B1's other meeting's slot.
    expect(await refuse(moveMeeting({ eventId: event.id, meetingId: m1!.id, slotId: m2!.slotId, tableLabel: "1" }))).toMatch(/^Béatrice Achat \(.*\) a déjà un rendez-vous pour le créneau de \d\d:\d\d\.$/);
    // Unavailable: Sonia is there in the first two slots only.
    const s3 = rows.find((m) => involves(m, [p.S3!.id]))!;
    expect(await refuse(moveMeeting({ eventId: event.id, meetingId: s3.id, slotId: slotIds[3]!, tableLabel: "1" }))).toMatch(/^Sonia Matin \(.*\) n'est pas disponible pour le créneau de 09:45\.$/);
    // Table taken: five meetings in four slots, so some slot holds two; move one onto the other's table.
    const crowded = rows.find((m) => rows.some((o) => o.id !== m.id && o.slotId === m.slotId))!;
    const neighbour = rows.find((o) => o.id !== crowded.id && o.slotId === crowded.slotId)!;
    expect(await refuse(moveMeeting({ eventId: event.id, meetingId: crowded.id, slotId: crowded.slotId, tableLabel: neighbour.tableLabel }))).toMatch(/^La table \d est déjà prise pour le créneau de \d\d:\d\d\.$/);
    expect(await refuse(moveMeeting({ eventId: event.id, meetingId: m1!.id, slotId: m1!.slotId, tableLabel: "9" }))).toMatch(/La table 9 n'existe pas/);
    // A swap that would put Sonia in a later slot. The requests form a 5-cycle (B1–S1–B2–S3–S2–B1),
    // which needs three slots, and Sonia's two meetings take the first two: a third-slot meeting exists.
    const late = rows.find((m) => m.position >= 3)!;
    expect(await refuse(swapMeetings({ eventId: event.id, meetingId: s3.id, otherMeetingId: late.id }))).toMatch(/^Sonia Matin .* n'est pas disponible/);
    // Nothing moved.
    expect((await meetingsOfEvent(event.id)).map((m) => [m.id, m.slotId, m.tableLabel])).toEqual(rows.map((m) => [m.id, m.slotId, m.tableLabel]));
  });

  it("moves a meeting to a free place (locking it) and a re-run keeps locks and changes little", async () => {
    const before = await meetingsOfEvent(event.id);
    // A meeting of B2 moved to a slot where both are free, at B2's table if free.
    const candidate = before
      .flatMap((m) =>
        slotIds.map((slotId) => ({ m, slotId, table: ["1", "2", "3"].find((t) => !before.some((o) => o.slotId === slotId && o.tableLabel === t)) })),
      )
      .find(
        ({ m, slotId, table }) =>
          table &&
          slotId !== m.slotId &&
          !before.some((o) => o.slotId === slotId && [o.aId, o.bId].some((x) => x === m.aId || x === m.bId)) &&
          ![m.aId, m.bId].some((x) => [p.S3!.id, p.S4!.id, p.B3!.id].includes(x)),
      )!;
    await moveMeeting({ eventId: event.id, meetingId: candidate.m.id, slotId: candidate.slotId, tableLabel: candidate.table! });
    const moved = (await meetingsOfEvent(event.id)).find((m) => m.id === candidate.m.id)!;
    expect(moved).toMatchObject({ slotId: candidate.slotId, tableLabel: candidate.table, locked: true });

    const run = await runSchedule({ eventId: event.id });
    const after = await meetingsOfEvent(event.id);
    expectValid(after);
    expect(after.find((m) => m.id === candidate.m.id)).toMatchObject({ slotId: candidate.slotId, tableLabel: candidate.table, locked: true });
    // Same pairs keep the same rows (stable ICS UIDs).
    expect(after.map((m) => m.id).sort()).toEqual(before.map((m) => m.id).sort());
    expect(run.stats.changes).toBeLessThanOrEqual(2);
    await setMeetingLock({ eventId: event.id, meetingId: candidate.m.id, locked: false });
  });

  it("publishes: version up, a mail with the agenda and the .ics link to every participant; the .ics matches the agenda", async () => {
    const first = await publishSchedule({ eventId: event.id });
    expect(first).toEqual({ version: 1, mails: 7 });
    const toB1 = await db.select().from(mails).where(and(eq(mails.to, p.B1!.user.email), eq(mails.kind, "event.agenda_published")));
    expect(toB1).toHaveLength(1);
    expect(toB1[0]!.text).toContain(`/rencontres/${event.slug}/agenda.ics`);
    expect(toB1[0]!.text).toMatch(/table \d · Samia QPV/);
    const agenda = await agendaOf(event.id, p.B1!.id);
    expect(agenda).toHaveLength(2);
    expect(agenda.every((m) => m.version === 1)).toBe(true);
    const ics = parseIcs(agendaIcs({ eventTitle: event.title, venue: event.venue, sequence: 1, meetings: agenda }));
    expect(ics.events.map((e) => e.UID)).toEqual(agenda.map((m) => `meeting-${m.id}@proxima`));
    expect(icsDate(ics.events[0]!.DTSTART!).getTime()).toBe(agenda[0]!.startsAt.getTime());

    // Re-publication after an added meeting: version 2, same ids for unchanged meetings.
    await forceMeeting({ eventId: event.id, aId: p.B3!.id, bId: p.S1!.id, now });
    await runSchedule({ eventId: event.id });
    const second = await publishSchedule({ eventId: event.id });
    expect(second.version).toBe(2);
    const again = await agendaOf(event.id, p.B1!.id);
    expect(again.map((m) => m.id).sort()).toEqual(agenda.map((m) => m.id).sort());
    expect(again.every((m) => m.version === 2)).toBe(true);
    const updated = await db.select().from(mails).where(and(eq(mails.to, p.B1!.user.email), eq(mails.kind, "event.agenda_published")));
    expect(updated.map((m) => m.subject)).toContain(`Planning mis à jour : ${event.title}`);
  });

  it("exports the grid as CSV", async () => {
    const csv = await gridCsv(event.id);
    const lines = csv.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toBe("Créneau;Début;Fin;Table;Participant A;Organisation A;Participant B;Organisation B;Statut;Verrouillé");
    const count = (await db.select().from(meetings).where(and(eq(meetings.eventId, event.id), eq(meetings.status, "scheduled")))).length;
    expect(lines).toHaveLength(count + 1);
    expect(lines[1]).toMatch(/^1;09:00;09:15;/);
  });
});
