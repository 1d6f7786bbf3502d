import { and, desc, eq, like } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, opportunities } from "../../../db/schema";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { MovableClock } from "../jobs/clock";
import { answerInterested } from "../needs/answers.server";
import { saveNeed } from "../needs/needs.server";
import { montreuil, needForm, needsWorld, supplierWithMember } from "../needs/test-fixtures";
import { getOpportunity, recordContact } from "../opportunities/opportunities.server";
import { registerOutboxHandlers } from "../outbox/handlers.server";
import { processOutbox } from "../outbox/outbox.server";
import { answerSurvey, readSurvey, scheduleSurveys, sendDueSurveys, surveysOf } from "./surveys.server";

beforeAll(() => registerOutboxHandlers());

const t0 = new Date("2030-03-02T10:00:00Z");
const day = 24 * 3600_000;

/** A supplier says "intéressé" to a published need at t0; the outbox schedules the surveys. */
async function interested(tag: string) {
  const w = await needsWorld(tag, { approvalRequired: false });
  const s = await supplierWithMember(`${tag}-s`, { qpvStatus: "verified", qpvCode: "QN09318M" });
  const need = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit", title: `Besoin ${tag}` }) });
  await answerInterested({ supplierId: s.supplier.id, supplierOrgId: s.supplier.organisationId, actorId: s.owner.id, needId: need.id, message: "Intéressés.", answers: ["3", "Oui"], quoteAmountCents: null, now: t0 });
  await processOutbox({ now: new Date() });
  const [opp] = await db.select().from(opportunities).where(and(eq(opportunities.needId, need.id), eq(opportunities.supplierId, s.supplier.id)));
  return { w, s, need, opportunityId: opp!.id };
}

async function latestSurveyToken(to: string): Promise<string> {
  const [mail] = await db.select().from(mails).where(and(eq(mails.to, to), eq(mails.kind, "followup.survey"))).orderBy(desc(mails.id)).limit(1);
  const match = /\/suivi\/([A-Za-z0-9_-]+)/.exec(mail!.text);
  return match![1]!;
}

async function surveyMailsTo(to: string) {
  return db.select().from(mails).where(and(eq(mails.to, to), like(mails.kind, "followup.survey")));
}

async function sentOrSkipped(opportunityId: string, offsetDays: number) {
  return (await surveysOf(opportunityId)).filter((r) => r.offsetDays === offsetDays).map((r) => [r.side, r.sentAt ? "sent" : r.skippedAt ? "skipped" : "pending"]);
}

describe("follow-up surveys", () => {
  it("schedules, on an 'intéressé' answer, the 30/90/180-day surveys of each side, once", async () => {
    const { w, s, opportunityId } = await interested("sv-schedule");
    const surveys = await surveysOf(opportunityId);
    expect(surveys.map((r) => [r.side, r.email, r.offsetDays, r.dueAt.toISOString()])).toEqual([
      ["buyer", w.buyerUser.email, 30, new Date(t0.getTime() + 30 * day).toISOString()],
      ["buyer", w.buyerUser.email, 90, new Date(t0.getTime() + 90 * day).toISOString()],
      ["buyer", w.buyerUser.email, 180, new Date(t0.getTime() + 180 * day).toISOString()],
      ["supplier", s.owner.email, 30, new Date(t0.getTime() + 30 * day).toISOString()],
      ["supplier", s.owner.email, 90, new Date(t0.getTime() + 90 * day).toISOString()],
      ["supplier", s.owner.email, 180, new Date(t0.getTime() + 180 * day).toISOString()],
    ]);
    // The same touchpoint handled twice (a retried outbox entry) changes nothing.
    await scheduleSurveys({ opportunityId, touchpoint: "need_interest", at: t0 });
    expect(await surveysOf(opportunityId)).toHaveLength(6);
    // A meeting held later moves the surveys not yet sent to count from it.
    await scheduleSurveys({ opportunityId, touchpoint: "meeting_held", at: new Date(t0.getTime() + 10 * day) });
    expect((await surveysOf(opportunityId)).map((r) => (r.dueAt.getTime() - t0.getTime()) / day)).toEqual([40, 100, 190, 40, 100, 190]);
  });

  it("sends each survey when it falls due, not before, and only once", async () => {
    const { w, s } = await interested("sv-send");
    const clock = new MovableClock(t0);
    clock.advance({ days: 29, hours: 23 });
    await sendDueSurveys(clock.now());
    expect(await surveyMailsTo(w.buyerUser.email)).toHaveLength(0);

    clock.set(new Date(t0.getTime() + 30 * day));
    await sendDueSurveys(clock.now());
    await sendDueSurveys(clock.advance({ minutes: 15 }));
    const [buyerMail] = await surveyMailsTo(w.buyerUser.email);
    expect(await surveyMailsTo(w.buyerUser.email)).toHaveLength(1);
    expect(await surveyMailsTo(s.owner.email)).toHaveLength(1);
    expect(buyerMail!.subject).toBe("Cela a-t-il débouché sur une affaire ?");
    expect(buyerMail!.text).toContain("s'est dit intéressé par votre besoin « Besoin sv-send »");
    expect(buyerMail!.text).toMatch(/http:\/\/localhost:3000\/suivi\/[A-Za-z0-9_-]{40,}/);

    clock.set(new Date(t0.getTime() + 90 * day));
    await sendDueSurveys(clock.now());
    expect(await surveyMailsTo(w.buyerUser.email)).toHaveLength(2);
    clock.set(new Date(t0.getTime() + 180 * day));
    await sendDueSurveys(clock.now());
    expect(await surveyMailsTo(s.owner.email)).toHaveLength(3);
  });

  it("takes one answer per link: 'Oui' + amount wins the opportunity; a second use changes nothing", async () => {
    const { w, s, opportunityId } = await interested("sv-yes");
    const at30 = new Date(t0.getTime() + 30 * day);
    await sendDueSurveys(at30);
    const token = await latestSurveyToken(w.buyerUser.email);
    expect(await readSurvey(token, at30)).toMatchObject({ state: "open", side: "buyer", offsetDays: 30 });

    expect(await answerSurvey(token, { answer: "yes", amountCents: 1_250_000 }, at30)).toEqual({ outcome: "won" });
    const opp = await getOpportunity({ kind: "admin" }, opportunityId);
    expect(opp).toMatchObject({ stage: "won", contractAmountCents: 1_250_000, contractSignedOn: "2030-04-01" });
    expect(opp!.history[0]).toMatchObject({ kind: "stage", toStage: "won", via: "Enquête de suivi (30 jours)", actorName: w.buyerUser.displayName });

    await expect(answerSurvey(token, { answer: "no", lostReason: "price" }, at30)).rejects.toMatchObject({ code: "gone", status: 410 });
    expect(await readSurvey(token, at30)).toEqual({ state: "used", answer: "Oui" });
    expect((await getOpportunity({ kind: "admin" }, opportunityId))!.stage).toBe("won");

    // The supplier's link, answered after the buyer's: the answer is kept as a note, the stage stays.
    const supplierToken = await latestSurveyToken(s.owner.email);
    expect(await answerSurvey(supplierToken, { answer: "not_yet" }, at30)).toEqual({ outcome: "noted" });
    // Later surveys of a closed opportunity are not sent.
    await sendDueSurveys(new Date(t0.getTime() + 90 * day));
    expect(await sentOrSkipped(opportunityId, 90)).toEqual([
      ["buyer", "skipped"],
      ["supplier", "skipped"],
    ]);
  });

  it("'Non' + reason loses it, 'Pas encore' adds a note; unknown and expired links are refused", async () => {
    const { s, opportunityId } = await interested("sv-no");
    const at30 = new Date(t0.getTime() + 30 * day);
    await sendDueSurveys(at30);
    const token = await latestSurveyToken(s.owner.email);
    expect(await answerSurvey(token, { answer: "not_yet" }, at30)).toEqual({ outcome: "noted" });
    let opp = await getOpportunity({ kind: "admin" }, opportunityId);
    expect(opp!.stage).toBe("contact");
    expect(opp!.history[0]).toMatchObject({ kind: "note", note: "Réponse à l'enquête : Pas encore.", via: "Enquête de suivi (30 jours)" });

    const at90 = new Date(t0.getTime() + 90 * day);
    await sendDueSurveys(at90);
    const second = await latestSurveyToken(s.owner.email);
    expect(await answerSurvey(second, { answer: "no", lostReason: "capacity" }, at90)).toEqual({ outcome: "lost" });
    opp = await getOpportunity({ kind: "admin" }, opportunityId);
    expect(opp).toMatchObject({ stage: "lost", lostReason: "capacity" });

    expect(await readSurvey("inconnu", at90)).toEqual({ state: "unknown" });
    expect(await readSurvey("x".repeat(43), at90)).toEqual({ state: "unknown" });
    await expect(answerSurvey("x".repeat(43), { answer: "not_yet" }, at90)).rejects.toMatchObject({ code: "not_found" });
    // Once lost, the 180-day surveys are not sent.
    await sendDueSurveys(new Date(t0.getTime() + 180 * day));
    expect(await sentOrSkipped(opportunityId, 180)).toEqual([
      ["buyer", "skipped"],
      ["supplier", "skipped"],
    ]);
  });

  it("sends only the latest survey when several are due at once (a touchpoint recorded late)", async () => {
    const { w, opportunityId } = await interested("sv-late");
    await sendDueSurveys(new Date(t0.getTime() + 200 * day));
    expect(await sentOrSkipped(opportunityId, 30)).toEqual([["buyer", "skipped"], ["supplier", "skipped"]]);
    expect(await sentOrSkipped(opportunityId, 90)).toEqual([["buyer", "skipped"], ["supplier", "skipped"]]);
    expect(await sentOrSkipped(opportunityId, 180)).toEqual([["buyer", "sent"], ["supplier", "sent"]]);
    expect((await surveyMailsTo(w.buyerUser.email))[0]!.text).toContain("C'était il y a 180 jours.");
  });

  it("expires a sent link after 60 days", async () => {
    const { w } = await interested("sv-expire");
    const at30 = new Date(t0.getTime() + 30 * day);
    await sendDueSurveys(at30);
    const token = await latestSurveyToken(w.buyerUser.email);
    const later = new Date(at30.getTime() + 61 * day);
    expect(await readSurvey(token, later)).toEqual({ state: "unknown" });
    await expect(answerSurvey(token, { answer: "not_yet" }, later)).rejects.toMatchObject({ code: "not_found", status: 404 });
  });

  it("asks an unclaimed supplier at its contact address", async () => {
    const w = await needsWorld("sv-unclaimed", { approvalRequired: false });
    const supplier = await createSupplierRow(db, { ...montreuil, name: "Fournisseur non revendiqué", email: "Contact@Non-Revendique.example.org" });
    const opportunityId = await db.transaction(async (tx) => {
      const { opportunityId } = await recordContact(tx, { buyerOrganisationId: w.buyer.id, supplierId: supplier.id, origin: "directory", clubId: w.club.id, at: t0 });
      return opportunityId;
    });
    await scheduleSurveys({ opportunityId, touchpoint: "meeting_held", at: t0 });
    const surveys = await surveysOf(opportunityId);
    expect(surveys.filter((r) => r.side === "supplier").map((r) => [r.email, r.offsetDays])).toEqual([
      ["contact@non-revendique.example.org", 30],
      ["contact@non-revendique.example.org", 90],
      ["contact@non-revendique.example.org", 180],
    ]);
    expect(surveys.filter((r) => r.side === "buyer").map((r) => r.email)).toEqual([w.buyerUser.email, w.buyerUser.email, w.buyerUser.email]);
  });
});
