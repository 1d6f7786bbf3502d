import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, meetingRequests } from "../../../db/schema";
import { clubFixture, openEvent, participant } from "./test-fixtures";
import { answerWish, catalogue, expireWishes, forceMeeting, removeMeetingRequest, sendWish, wishesOf, withdrawWish } from "./wishes.server";

let clubId = "";
let animatorId = "";
const now = new Date("2027-01-15T10:00:00Z");

beforeAll(async () => {
  const f = await clubFixture();
  clubId = f.club.id;
  animatorId = f.animator.id;
});

async function statusOf(id: string) {
  const [row] = await db.select().from(meetingRequests).where(eq(meetingRequests.id, id));
  return row!;
}

describe("meeting wishes", () => {
  it("a mutual wish is accepted at once on both sides", async () => {
    const event = await openEvent(clubId, animatorId);
    const buyer = await participant(event.id, "buyer");
    const supplier = await participant(event.id, "supplier");
    const first = await sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: supplier.id, now });
    expect(first.status).toBe("pending");
    const notice = await db.select().from(mails).where(eq(mails.to, supplier.user.email));
    expect(notice.some((m) => m.subject.startsWith("Demande de rendez-vous"))).toBe(true);
    const second = await sendWish({ eventId: event.id, fromParticipantId: supplier.id, toParticipantId: buyer.id, now });
    expect(second).toMatchObject({ status: "accepted", mutual: true });
    expect(await statusOf(first.id)).toMatchObject({ status: "accepted", mutual: true });
  });

  it("the recipient accepts or declines; a declined sender cannot ask again; the sender may withdraw", async () => {
    const event = await openEvent(clubId, animatorId);
    const buyer = await participant(event.id, "buyer");
    const s1 = await participant(event.id, "supplier");
    const s2 = await participant(event.id, "supplier");
    const r1 = await sendWish({ eventId: event.id, fromParticipantId: s1.id, toParticipantId: buyer.id, now });
    const r2 = await sendWish({ eventId: event.id, fromParticipantId: s2.id, toParticipantId: buyer.id, now });
    await answerWish({ eventId: event.id, requestId: r1.id, participantId: buyer.id, accept: true, now });
    await answerWish({ eventId: event.id, requestId: r2.id, participantId: buyer.id, accept: false, now });
    expect((await statusOf(r1.id)).status).toBe("accepted");
    expect((await statusOf(r2.id)).status).toBe("declined");
    await expect(sendWish({ eventId: event.id, fromParticipantId: s2.id, toParticipantId: buyer.id, now })).rejects.toThrow(/a décliné/);
    // Only the recipient answers.
    await expect(answerWish({ eventId: event.id, requestId: r1.id, participantId: s1.id, accept: true, now })).rejects.toThrow(/introuvable/);
    // Supplier ↔ supplier is allowed; buyer ↔ buyer is not.
    const ss = await sendWish({ eventId: event.id, fromParticipantId: s1.id, toParticipantId: s2.id, now });
    await withdrawWish({ eventId: event.id, requestId: ss.id, participantId: s1.id });
    expect((await statusOf(ss.id)).status).toBe("cancelled");
    const otherBuyer = await participant(event.id, "buyer");
    await expect(sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: otherBuyer.id, now })).rejects.toThrow(/acheteur et un fournisseur/);
    const { received } = await wishesOf(event.id, buyer.id);
    expect(received.map((r) => r.status).sort()).toEqual(["accepted", "declined"]);
  });

  it("caps the number of requests per participant", async () => {
    const event = await openEvent(clubId, animatorId, { maxWishes: "2" });
    const buyer = await participant(event.id, "buyer");
    const suppliers = [await participant(event.id, "supplier"), await participant(event.id, "supplier"), await participant(event.id, "supplier")];
    const r1 = await sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: suppliers[0]!.id, now });
    const r2 = await sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: suppliers[1]!.id, now });
    expect([r1.rank, r2.rank]).toEqual([1, 2]);
    await expect(sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: suppliers[2]!.id, now })).rejects.toThrow(/maximum de 2 demandes/);
    await withdrawWish({ eventId: event.id, requestId: r2.id, participantId: buyer.id });
    await expect(sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: suppliers[2]!.id, now })).resolves.toMatchObject({ status: "pending" });
  });

  it("unanswered requests expire at the wish deadline, and no request is sent after it", async () => {
    const event = await openEvent(clubId, animatorId, { wishDeadline: "2027-03-01T18:00" });
    const buyer = await participant(event.id, "buyer");
    const supplier = await participant(event.id, "supplier");
    const other = await participant(event.id, "supplier");
    const pending = await sendWish({ eventId: event.id, fromParticipantId: supplier.id, toParticipantId: buyer.id, now });
    const accepted = await sendWish({ eventId: event.id, fromParticipantId: other.id, toParticipantId: buyer.id, now });
    await answerWish({ eventId: event.id, requestId: accepted.id, participantId: buyer.id, accept: true, now });
    expect(await expireWishes(new Date("2027-03-01T16:59:00Z"))).toBe(0);
    expect(await expireWishes(new Date("2027-03-01T17:01:00Z"))).toBe(1);
    expect((await statusOf(pending.id)).status).toBe("expired");
    expect((await statusOf(accepted.id)).status).toBe("accepted");
    await expect(sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: supplier.id, now: new Date("2027-03-02T10:00:00Z") })).rejects.toThrow(/date limite/);
  });

  it("the animator forces and removes meetings", async () => {
    const event = await openEvent(clubId, animatorId);
    const buyer = await participant(event.id, "buyer");
    const supplier = await participant(event.id, "supplier");
    const other = await participant(event.id, "supplier");
    const declined = await sendWish({ eventId: event.id, fromParticipantId: supplier.id, toParticipantId: buyer.id, now });
    await answerWish({ eventId: event.id, requestId: declined.id, participantId: buyer.id, accept: false, now });
    const forced = await forceMeeting({ eventId: event.id, aId: buyer.id, bId: supplier.id, now });
    expect(forced).toMatchObject({ id: declined.id, status: "accepted", forced: true });
    const added = await forceMeeting({ eventId: event.id, aId: buyer.id, bId: other.id, now });
    expect(added).toMatchObject({ status: "accepted", forced: true });
    await removeMeetingRequest({ eventId: event.id, requestId: added.id });
    expect((await statusOf(added.id)).status).toBe("cancelled");
  });

  it("the catalogue shows approved participants with their profile, filtered, and the viewer's requests", async () => {
    const event = await openEvent(clubId, animatorId);
    const buyer = await participant(event.id, "buyer");
    const qpv = await participant(event.id, "supplier", { qpvStatus: "verified", name: "Traiteur QPV" });
    await participant(event.id, "supplier", { name: "Hors QPV" });
    await sendWish({ eventId: event.id, fromParticipantId: buyer.id, toParticipantId: qpv.id, now });
    const all = await catalogue(event.id, buyer.id);
    expect(all.map((p) => p.name).sort()).toEqual(["Hors QPV", "Traiteur QPV"]);
    expect(all.find((p) => p.id === qpv.id)!.sent?.status).toBe("pending");
    const onlyQpv = await catalogue(event.id, buyer.id, { qpv: true });
    expect(onlyQpv.map((p) => p.name)).toEqual(["Traiteur QPV"]);
    expect(onlyQpv[0]!.qpvName).toBeTruthy();
    expect(await catalogue(event.id, buyer.id, { q: "hors" })).toHaveLength(1);
  });
});
