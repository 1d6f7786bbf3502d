import { beforeAll, describe, expect, it } from "vitest";
import { meetingsOfEvent } from "./agenda.server";
import { checkInList, meetingsHeld, recordOutcome, repairAfterAbsences, setCheckIn } from "./checkin.server";
import { slotsOf, type EventRow } from "./events.server";
import { publishSchedule, runSchedule } from "./scheduling.server";
import { clubFixture, openEvent, participant } from "./test-fixtures";
import { answerWish, sendWish } from "./wishes.server";
import { listOpportunities } from "../opportunities/opportunities.server";

const before = new Date("2027-01-15T10:00:00Z");
let event: EventRow;
const p: Record<string, Awaited<ReturnType<typeof participant>>> = {};

beforeAll(async () => {
  const { club, animator } = await clubFixture();
  event = await openEvent(club.id, animator.id, { tablesCount: "4" });
  for (const name of ["B1", "B2", "B3"]) p[name] = await participant(event.id, "buyer", { name: `Acheteur ${name}` });
  for (const name of ["S1", "S2", "S3"]) p[name] = await participant(event.id, "supplier", { name: `Fournisseur ${name}` });
  for (const [from, to] of [
    ["S1", "B1"],
    ["S2", "B2"],
    ["S3", "B1"],
  ] as const) {
    const r = await sendWish({ eventId: event.id, fromParticipantId: p[from]!.id, toParticipantId: p[to]!.id, now: before });
    await answerWish({ eventId: event.id, requestId: r.id, participantId: p[to]!.id, accept: true, now: before });
  }
  await runSchedule({ eventId: event.id });
  await publishSchedule({ eventId: event.id });
});

describe("check-in and re-pairing", () => {
  it("searches participants by name", async () => {
    expect((await checkInList(event.id, "S2")).map((x) => x.name)).toEqual(["Fournisseur S2"]);
    expect(await checkInList(event.id)).toHaveLength(6);
  });

  it("marking a participant absent frees their meetings, and the re-pair fills the freed place with a present participant", async () => {
    const slots = await slotsOf(event.id);
    const s2Meeting = (await meetingsOfEvent(event.id)).find((m) => m.aId === p.S2!.id || m.bId === p.S2!.id)!;
    for (const name of ["B1", "B3", "S1", "S2", "S3"]) await setCheckIn({ eventId: event.id, participantId: p[name]!.id, status: "present", now: before });
    const { freed } = await setCheckIn({ eventId: event.id, participantId: p.B2!.id, status: "absent", now: before });
    expect(freed).toBe(1);
    const afterAbsence = await meetingsOfEvent(event.id);
    expect(afterAbsence.find((m) => m.id === s2Meeting.id)).toBeUndefined();
    expect((await meetingsOfEvent(event.id, { includeCancelled: true })).find((m) => m.id === s2Meeting.id)!.status).toBe("cancelled");

    const kept = afterAbsence.map((m) => ({ id: m.id, slotId: m.slotId, tableLabel: m.tableLabel }));
    const result = await repairAfterAbsences({ eventId: event.id, now: before });
    expect(result.added).toBe(1);
    const after = await meetingsOfEvent(event.id);
    // Held meetings did not move.
    for (const k of kept) expect(after.find((m) => m.id === k.id)).toMatchObject(k);
    const replacement = after.find((m) => !kept.some((k) => k.id === m.id))!;
    expect([replacement.aId, replacement.bId]).toContain(p.S2!.id);
    expect(replacement.slotId).toBe(s2Meeting.slotId);
    const partner = replacement.aId === p.S2!.id ? replacement.bId : replacement.aId;
    expect([p.B1!.id, p.B3!.id]).toContain(partner);
    expect(slots.map((s) => s.id)).toContain(replacement.slotId);
  });

  it("each side says whether the meeting took place, once it started; held meetings are exposed for follow-up", async () => {
    const m = (await meetingsOfEvent(event.id)).find((x) => x.aId === p.S1!.id || x.bId === p.S1!.id)!;
    await expect(recordOutcome({ eventId: event.id, meetingId: m.id, participantId: p.S1!.id, held: true, now: before })).rejects.toThrow(/pas encore commencé/);
    const during = new Date(m.startsAt.getTime() + 60_000);
    await expect(recordOutcome({ eventId: event.id, meetingId: m.id, participantId: p.B3!.id, held: true, now: during })).rejects.toThrow(/pas dans votre planning/);
    await recordOutcome({ eventId: event.id, meetingId: m.id, participantId: p.S1!.id, held: true, now: during });
    const held = await meetingsHeld(event.id);
    expect(held.map((h) => h.id)).toEqual([m.id]);
    expect(held[0]!.a.organisationId).toBeTruthy();
    // The buyer–supplier meeting held is now an opportunity of the event, in the club.
    const opps = await listOpportunities({ kind: "club", clubId: event.clubId });
    expect(opps.map((o) => [o.origin, o.stage, o.eventId])).toEqual([["event", "meeting_held", event.id]]);
    await recordOutcome({ eventId: event.id, meetingId: m.id, participantId: p.B1!.id, held: false, now: during });
    expect(await meetingsHeld(event.id)).toEqual([]);
    expect((await meetingsOfEvent(event.id)).find((x) => x.id === m.id)).toMatchObject({ status: "missed", heldA: expect.any(Boolean), heldB: expect.any(Boolean) });
  });
});
