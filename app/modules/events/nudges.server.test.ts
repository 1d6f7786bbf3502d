import { and, eq, inArray } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails } from "../../../db/schema";
import { nudgeParticipantsWithoutMeetings } from "./nudges.server";
import { cancelRegistration } from "./registration.server";
import { clubFixture, openEvent, participant } from "./test-fixtures";
import { answerWish, sendWish } from "./wishes.server";

let clubId = "";
let animatorId = "";

beforeAll(async () => {
  const f = await clubFixture("Club Relances");
  clubId = f.club.id;
  animatorId = f.animator.id;
});

async function nudgesTo(emails: string[]) {
  return db
    .select()
    .from(mails)
    .where(and(eq(mails.kind, "event.wish_nudge"), inArray(mails.to, emails)));
}

describe("nudge before the wish deadline", () => {
  it("mails once each approved participant with no pending or accepted request, within 48 h of the deadline", async () => {
    // Deadline 2027-03-05 18:00 Paris = 17:00 UTC.
    const event = await openEvent(clubId, animatorId, { wishDeadline: "2027-03-05T18:00" });
    const lonely = await participant(event.id, "supplier", { name: "Seule Sans Rendez-vous" });
    const asker = await participant(event.id, "supplier");
    const buyer = await participant(event.id, "buyer");
    const declinedSupplier = await participant(event.id, "supplier");
    const gone = await participant(event.id, "supplier");
    const early = new Date("2027-02-10T10:00:00Z");
    await sendWish({ eventId: event.id, fromParticipantId: asker.id, toParticipantId: buyer.id, now: early });
    const declined = await sendWish({ eventId: event.id, fromParticipantId: declinedSupplier.id, toParticipantId: buyer.id, now: early });
    await answerWish({ eventId: event.id, requestId: declined.id, participantId: buyer.id, accept: false, now: early });
    await cancelRegistration({ eventId: event.id, userId: gone.user.id });
    const everyone = [lonely, asker, buyer, declinedSupplier, gone].map((p) => p.user.email);

    // More than 48 h before: nothing.
    await nudgeParticipantsWithoutMeetings(new Date("2027-03-03T16:59:00Z"));
    expect(await nudgesTo(everyone)).toHaveLength(0);

    // Within 48 h: the one with no request at all, and the one whose only request was declined.
    await nudgeParticipantsWithoutMeetings(new Date("2027-03-03T17:01:00Z"));
    const sent = await nudgesTo(everyone);
    expect(sent.map((m) => m.to).sort()).toEqual([lonely.user.email, declinedSupplier.user.email].sort());
    const mail = sent.find((m) => m.to === lonely.user.email)!;
    expect(mail.subject).toBe("Pas encore de rendez-vous : Rencontre test");
    expect(mail.text).toContain(`http://localhost:3000/rencontres/${event.slug}/participants`);
    expect(mail.text).toContain("5 mars 2027");

    // Exactly once: a later run sends nothing more.
    await nudgeParticipantsWithoutMeetings(new Date("2027-03-04T09:00:00Z"));
    expect(await nudgesTo(everyone)).toHaveLength(2);

    // After the deadline: nothing either, even for a newcomer.
    const late = await participant(event.id, "supplier", { now: new Date("2027-03-04T10:00:00Z") });
    await nudgeParticipantsWithoutMeetings(new Date("2027-03-05T17:01:00Z"));
    expect(await nudgesTo([late.user.email])).toHaveLength(0);
  });

  it("leaves events without a wish deadline alone", async () => {
    const none = await openEvent(clubId, animatorId);
    const p = await participant(none.id, "supplier");
    await nudgeParticipantsWithoutMeetings(new Date("2027-03-11T10:00:00Z"));
    expect(await nudgesTo([p.user.email])).toHaveLength(0);
  });
});
