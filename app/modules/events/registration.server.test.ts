import { and, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { eventParticipants, mails } from "../../../db/schema";
import { createEvent, setEventStatus, slotsOf, updateEvent, upcomingPublicEvents } from "./events.server";
import { cancelRegistration, decideParticipant, participationOf, registerParticipant } from "./registration.server";
import { EventSettingsSchema } from "./schemas";
import { clubFixture, openEvent, participant, person, settings } from "./test-fixtures";
import { DomainError } from "~/lib/errors";

let clubId = "";
let animatorId = "";
const now = new Date("2027-01-10T10:00:00Z");

beforeAll(async () => {
  const f = await clubFixture();
  clubId = f.club.id;
  animatorId = f.animator.id;
});

async function statusOf(id: string) {
  const [row] = await db.select().from(eventParticipants).where(eq(eventParticipants.id, id));
  return { status: row!.status, position: row!.waitlistPosition };
}

describe("event set-up", () => {
  it("creates a draft with its derived slots, opens it and lists it publicly", async () => {
    const event = await createEvent({ clubId, actorId: animatorId, settings: settings({ title: "Rencontre de mars", gapMinutes: "5" }) });
    expect(event.status).toBe("draft");
    expect(event.slug).toBe("rencontre-de-mars-2027-03-12");
    const slots = await slotsOf(event.id);
    expect(slots.map((s) => s.startsAt.toISOString())).toEqual(["2027-03-12T08:00:00.000Z", "2027-03-12T08:20:00.000Z", "2027-03-12T08:40:00.000Z"]);
    expect((await upcomingPublicEvents(now)).map((e) => e.id)).not.toContain(event.id);
    await setEventStatus({ clubId, slug: event.slug, status: "open" });
    expect((await upcomingPublicEvents(now)).map((e) => e.id)).toContain(event.id);
    expect((await upcomingPublicEvents(new Date("2027-04-01T10:00:00Z"))).map((e) => e.id)).not.toContain(event.id);
    await expect(setEventStatus({ clubId, slug: event.slug, status: "published" })).rejects.toThrow(/Impossible de passer/);
  });

  it("derives the slots again when the times change, and refuses another club", async () => {
    const event = await createEvent({ clubId, actorId: animatorId, settings: settings() });
    const { slotsChanged } = await updateEvent({ clubId, slug: event.slug, settings: settings({ meetingMinutes: "30" }) });
    expect(slotsChanged).toBe(true);
    expect(await slotsOf(event.id)).toHaveLength(2);
    const other = await clubFixture("Autre club");
    await expect(updateEvent({ clubId: other.club.id, slug: event.slug, settings: settings() })).rejects.toThrow(/n'existe pas/);
  });

  it("validates the settings in French", () => {
    const result = EventSettingsSchema.safeParse({ title: "", venue: "", date: "12/03/2027", morningStart: "09:00", meetingMinutes: "abc", tablesCount: "0", breaks: "dix heures" });
    expect(result.success).toBe(false);
    const messages = result.error!.issues.map((i) => i.message);
    expect(messages).toEqual(expect.arrayContaining(["Indiquez le titre.", "Indiquez le lieu (adresse).", "Date invalide.", "Au moins 1."]));
    expect(messages.some((m) => m.includes("10:30-10:45"))).toBe(true);
  });
});

describe("registration", () => {
  it("approves automatically, puts a full side on the waiting list and promotes it in order on cancellation", async () => {
    const event = await openEvent(clubId, animatorId, { capacitySuppliers: "1" });
    const first = await participant(event.id, "supplier");
    const second = await participant(event.id, "supplier");
    const third = await participant(event.id, "supplier");
    expect(first.status).toBe("approved");
    expect(await statusOf(second.id)).toEqual({ status: "waitlisted", position: 1 });
    expect(await statusOf(third.id)).toEqual({ status: "waitlisted", position: 2 });
    const buyer = await participant(event.id, "buyer");
    expect(buyer.status).toBe("approved");

    await cancelRegistration({ eventId: event.id, userId: first.userId });
    expect((await statusOf(first.id)).status).toBe("cancelled");
    expect(await statusOf(second.id)).toEqual({ status: "approved", position: null });
    expect((await statusOf(third.id)).status).toBe("waitlisted");
    const promoted = await db.select().from(mails).where(and(eq(mails.to, second.user.email), eq(mails.kind, "event.promoted")));
    expect(promoted).toHaveLength(1);
    expect(promoted[0]!.subject).toMatch(/Une place s'est libérée/);
  });

  it("refuses a second registration and one outside the window; re-registration after cancelling works", async () => {
    const event = await openEvent(clubId, animatorId, { registrationClosesAt: "2027-02-01T18:00" });
    const p = await person("buyer");
    await registerParticipant({ eventId: event.id, userId: p.user.id, organisationId: p.organisationId, now });
    await expect(registerParticipant({ eventId: event.id, userId: p.user.id, organisationId: p.organisationId, now })).rejects.toThrow(/déjà inscrit/);
    await cancelRegistration({ eventId: event.id, userId: p.user.id });
    const again = await registerParticipant({ eventId: event.id, userId: p.user.id, organisationId: p.organisationId, now });
    expect(again.status).toBe("approved");
    const late = await person("supplier");
    const error = await registerParticipant({ eventId: event.id, userId: late.user.id, organisationId: late.organisationId, now: new Date("2027-02-02T10:00:00Z") }).catch((e: DomainError) => e);
    expect((error as DomainError).message).toBe("Les inscriptions sont closes.");
    const stranger = await person("supplier");
    await expect(registerParticipant({ eventId: event.id, userId: stranger.user.id, organisationId: p.organisationId, now })).rejects.toThrow(/pas membre/);
  });

  it("with manual approval: pending holds a place, the animator approves or rejects, and a rejection frees the place", async () => {
    const event = await openEvent(clubId, animatorId, { approvalMode: "manual", capacityBuyers: "1" });
    const a = await participant(event.id, "buyer");
    const b = await participant(event.id, "buyer");
    expect(a.status).toBe("pending");
    expect(b.status).toBe("waitlisted");
    await decideParticipant({ eventId: event.id, participantId: a.id, decision: "reject" });
    expect((await statusOf(a.id)).status).toBe("rejected");
    expect((await statusOf(b.id)).status).toBe("pending");
    await decideParticipant({ eventId: event.id, participantId: b.id, decision: "approve" });
    expect((await statusOf(b.id)).status).toBe("approved");
    await expect(decideParticipant({ eventId: event.id, participantId: b.id, decision: "approve" })).rejects.toThrow(/n'attend pas/);
    await expect(registerParticipant({ eventId: event.id, userId: a.userId, organisationId: a.organisationId, now })).rejects.toThrow(/refusée/);
  });

  it("stores availability from a session preference or ticked slots, and a raised capacity promotes the waiting list", async () => {
    const event = await openEvent(clubId, animatorId, { afternoonStart: "14:00", afternoonEnd: "15:00", capacityBuyers: "1" });
    const slots = await slotsOf(event.id);
    const p = await person("buyer");
    const row = await registerParticipant({ eventId: event.id, userId: p.user.id, organisationId: p.organisationId, sessionPreference: "afternoon", now });
    expect(row.availability).toEqual(slots.filter((s) => s.session === "afternoon").map((s) => s.id));
    const q = await person("buyer");
    const waiting = await registerParticipant({ eventId: event.id, userId: q.user.id, organisationId: q.organisationId, slots: [slots[0]!.id], now });
    expect(waiting.status).toBe("waitlisted");
    expect(waiting.availability).toEqual([slots[0]!.id]);
    await updateEvent({ clubId, slug: event.slug, settings: settings({ afternoonStart: "14:00", afternoonEnd: "15:00", capacityBuyers: "2" }) });
    expect((await participationOf(event.id, q.user.id))!.status).toBe("approved");
    const registered = await db.select().from(mails).where(like(mails.subject, "Inscription : %"));
    expect(registered.length).toBeGreaterThan(0);
  });
});
