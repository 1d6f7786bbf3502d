import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, opportunities } from "../../../db/schema";
import { createClubRow, createUser } from "../../../db/seed/factories";
import { MovableClock } from "../jobs/clock";
import { changeNeedStatus, saveNeed } from "../needs/needs.server";
import { needForm, needsWorld, supplierWithMember } from "../needs/test-fixtures";
import { addNote, recordContact } from "../opportunities/opportunities.server";
import { noticesOf, remindNeedOutcomes, sendStaleOpportunityDigests } from "./reminders.server";

const t0 = new Date("2030-05-06T08:00:00Z");

async function mailsTo(to: string, kind: string) {
  return db.select().from(mails).where(and(eq(mails.to, to), eq(mails.kind, kind)));
}

describe("need outcome reminders", () => {
  it("reminds the author of a need closed without outcome after 7 days, at most once a week, until the outcome is recorded", async () => {
    const w = await needsWorld("rm-need", { approvalRequired: false });
    const need = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit", title: "Besoin à clore" }) });
    await changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "close", now: t0 });
    const clock = new MovableClock(t0);

    clock.advance({ days: 6, hours: 23 });
    await remindNeedOutcomes(clock.now());
    expect(await mailsTo(w.buyerUser.email, "followup.need_outcome")).toHaveLength(0);

    clock.advance({ hours: 1 });
    await remindNeedOutcomes(clock.now());
    const [first] = await mailsTo(w.buyerUser.email, "followup.need_outcome");
    expect(first!.subject).toBe("Quelle suite pour « Besoin à clore » ?");
    expect(first!.text).toContain(`http://localhost:3000/acheteur/besoins/${need.id}`);

    // Daily runs during the following week: nothing more; a week later: one more.
    for (let i = 0; i < 6; i++) await remindNeedOutcomes(clock.advance({ days: 1 }));
    expect(await mailsTo(w.buyerUser.email, "followup.need_outcome")).toHaveLength(1);
    await remindNeedOutcomes(clock.advance({ days: 1 }));
    expect(await mailsTo(w.buyerUser.email, "followup.need_outcome")).toHaveLength(2);
    expect(await noticesOf("need_outcome", need.id)).toHaveLength(2);

    // Once the outcome is recorded, no more reminders.
    await changeNeedStatus({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, needId: need.id, action: "award", outcome: "not_awarded", now: clock.now() });
    await remindNeedOutcomes(clock.advance({ days: 8 }));
    expect(await mailsTo(w.buyerUser.email, "followup.need_outcome")).toHaveLength(2);
  });

  it("leaves published needs alone", async () => {
    const w = await needsWorld("rm-open", { approvalRequired: false });
    await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit" }) });
    await remindNeedOutcomes(new Date(t0.getTime() + 60 * 24 * 3600_000));
    expect(await mailsTo(w.buyerUser.email, "followup.need_outcome")).toHaveLength(0);
  });
});

describe("weekly digest of opportunities without news", () => {
  it("sends each club's animators its open opportunities unchanged for 60 days, once a week", async () => {
    const w = await needsWorld("rm-digest", { approvalRequired: false });
    const stale = await supplierWithMember("rm-digest-stale");
    const fresh = await supplierWithMember("rm-digest-fresh");
    const won = await supplierWithMember("rm-digest-won");
    const contact = (supplierId: string, at: Date) =>
      db.transaction(async (tx) => (await recordContact(tx, { buyerOrganisationId: w.buyer.id, supplierId, origin: "directory", clubId: w.club.id, at })).opportunityId);
    const monday = new Date("2030-09-02T06:00:00Z"); // Monday 8:00 in Paris
    const day = 24 * 3600_000;
    await contact(stale.supplier.id, new Date(monday.getTime() - 61 * day));
    const freshId = await contact(fresh.supplier.id, new Date(monday.getTime() - 90 * day));
    await addNote({ scope: { kind: "admin" }, opportunityId: freshId, actorId: null, note: "Devis en préparation.", now: new Date(monday.getTime() - 59 * day) });
    const wonId = await contact(won.supplier.id, new Date(monday.getTime() - 120 * day));
    await db.update(opportunities).set({ stage: "won" }).where(eq(opportunities.id, wonId));
    // Another club, with an animator and nothing stale.
    const otherAnimator = await createUser(db, { email: "animatrice-rm-autre@needs.example.org" });
    await createClubRow(db, { name: "Club sans retard", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [], animatorIds: [otherAnimator.id] });

    const clock = new MovableClock(monday);
    await sendStaleOpportunityDigests(clock.now());
    const [digest] = await mailsTo(w.animator.email, "followup.stale_digest");
    expect(digest!.subject).toBe(`1 opportunité sans nouvelle depuis 60 jours — Club rm-digest`);
    expect(digest!.text).toContain(`Acheteur rm-digest — Fournisseur rm-digest-stale`);
    expect(digest!.text).not.toContain("rm-digest-fresh");
    expect(digest!.text).not.toContain("rm-digest-won");
    expect(digest!.text).toContain(`http://localhost:3000/clubs/${w.club.slug}/suivi`);
    expect(await mailsTo(otherAnimator.email, "followup.stale_digest")).toHaveLength(0);

    // A second run the same week (a retried job) sends nothing; next Monday it comes again.
    await sendStaleOpportunityDigests(clock.advance({ hours: 1 }));
    expect(await mailsTo(w.animator.email, "followup.stale_digest")).toHaveLength(1);
    await sendStaleOpportunityDigests(clock.advance({ days: 7 }));
    const digests = await mailsTo(w.animator.email, "followup.stale_digest");
    expect(digests).toHaveLength(2);
    // A week later the note of day -59 is 66 days old: both opportunities are now listed.
    expect(digests[1]!.subject).toBe(`2 opportunités sans nouvelle depuis 60 jours — Club rm-digest`);
  });
});
