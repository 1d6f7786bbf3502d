import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { opportunities, outbox } from "../../../db/schema";
import { createOrganisationRow, createUser } from "../../../db/seed/factories";
import { answerInterested, selectSupplier } from "../needs/answers.server";
import { saveNeed } from "../needs/needs.server";
import { needForm, needsWorld, supplierWithMember } from "../needs/test-fixtures";
import { contactSupplier } from "../suppliers/contact.server";
import { addNote, changeStage, getOpportunity, listOpportunities, recordContact } from "./opportunities.server";

async function interestedWorld(tag: string) {
  const w = await needsWorld(tag, { approvalRequired: false });
  const s = await supplierWithMember(`${tag}-s`, { qpvStatus: "verified", qpvCode: "QN09318M" });
  const need = await saveNeed({ buyerOrgId: w.buyer.id, actorId: w.buyerUser.id, form: needForm(w.club.id, { intent: "submit" }) });
  const answer = (message: string) =>
    answerInterested({ supplierId: s.supplier.id, supplierOrgId: s.supplier.organisationId, actorId: s.owner.id, needId: need.id, message, answers: ["3", "Septembre"], quoteAmountCents: null });
  return { w, s, need, answer };
}

describe("opportunities", () => {
  it("an 'intéressé' answer makes one opportunity in the need's club, once, with its history and a survey touchpoint", async () => {
    const { w, s, need, answer } = await interestedWorld("opp-interest");
    await answer("Disponibles dès septembre.");
    await answer("Nous précisons notre offre.");
    const mine = await listOpportunities({ kind: "buyer", organisationId: w.buyer.id });
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ origin: "need", stage: "contact", needId: need.id, clubId: w.club.id, supplierId: s.supplier.id, needTitle: need.title });
    expect(await listOpportunities({ kind: "supplier", supplierId: s.supplier.id })).toHaveLength(1);
    expect(await listOpportunities({ kind: "club", clubId: w.club.id })).toHaveLength(1);
    const detail = await getOpportunity({ kind: "supplier", supplierId: s.supplier.id }, mine[0]!.id);
    expect(detail!.history.map((h) => [h.kind, h.toStage, h.actorName])).toEqual([["created", "contact", s.owner.displayName]]);
    const touchpoints = (await db.select().from(outbox).where(eq(outbox.kind, "opportunity.touchpoint"))).filter((o) => (o.payload as { opportunityId: string }).opportunityId === mine[0]!.id);
    expect(touchpoints.map((t) => (t.payload as { touchpoint: string }).touchpoint)).toEqual(["need_interest"]);
  });

  it("moves through stages with history; 'won' needs the contract and 'lost' a reason; other organisations cannot touch it", async () => {
    const { w, s, answer } = await interestedWorld("opp-stages");
    await answer("Oui.");
    const [opp] = await listOpportunities({ kind: "buyer", organisationId: w.buyer.id });
    const supplierScope = { kind: "supplier", supplierId: s.supplier.id } as const;
    const t0 = new Date("2027-02-01T09:00:00Z");
    await changeStage({ scope: supplierScope, opportunityId: opp!.id, actorId: s.owner.id, to: "quote_sent", note: "Devis envoyé par mail.", now: t0 });
    await expect(changeStage({ scope: supplierScope, opportunityId: opp!.id, actorId: s.owner.id, to: "won" })).rejects.toThrow("Indiquez la date et le montant du contrat gagné.");
    await expect(changeStage({ scope: supplierScope, opportunityId: opp!.id, actorId: s.owner.id, to: "lost" })).rejects.toThrow("Indiquez pourquoi l'opportunité est perdue.");
    await expect(changeStage({ scope: supplierScope, opportunityId: opp!.id, actorId: s.owner.id, to: "quote_sent" })).rejects.toThrow("déjà à cette étape");

    const stranger = await createOrganisationRow(db, { kind: "buyer", name: "Autre acheteur", members: [{ userId: (await createUser(db, { email: "autre-opp@example.org" })).id }] });
    await expect(changeStage({ scope: { kind: "buyer", organisationId: stranger.id }, opportunityId: opp!.id, actorId: null, to: "abandoned" })).rejects.toThrow("ne vous concerne pas");
    expect(await getOpportunity({ kind: "buyer", organisationId: stranger.id }, opp!.id)).toBeNull();

    const won = await changeStage({
      scope: { kind: "buyer", organisationId: w.buyer.id },
      opportunityId: opp!.id,
      actorId: w.buyerUser.id,
      to: "won",
      contract: { signedOn: "2027-02-10", amountCents: 1_250_000, durationMonths: 12, recurring: true },
      now: new Date("2027-02-10T09:00:00Z"),
    });
    expect(won).toMatchObject({ stage: "won", contractAmountCents: 1_250_000, contractRecurring: true, contractDurationMonths: 12, contractSignedOn: "2027-02-10" });
    await addNote({ scope: { kind: "club", clubId: w.club.id }, opportunityId: opp!.id, actorId: w.animator.id, via: "Séance de suivi du club", note: "Premier mois réalisé.", now: new Date("2027-03-01T09:00:00Z") });
    const detail = await getOpportunity({ kind: "buyer", organisationId: w.buyer.id }, opp!.id);
    expect(detail!.history.map((h) => [h.kind, h.fromStage, h.toStage])).toEqual([
      ["note", null, null],
      ["stage", "quote_sent", "won"],
      ["stage", "contact", "quote_sent"],
      ["created", null, "contact"],
    ]);
    expect(detail!.history[0]).toMatchObject({ via: "Séance de suivi du club", note: "Premier mois réalisé." });
    expect(detail!.history[1]!.note).toMatch(/Contrat du 2027-02-10 : 12\s500\s€ HT, récurrent, 12 mois\./);
    expect(detail!.updatedAt.toISOString()).toBe("2027-03-01T09:00:00.000Z");

    const lost = await changeStage({ scope: supplierScope, opportunityId: opp!.id, actorId: s.owner.id, to: "lost", lostReason: "price" });
    expect(lost).toMatchObject({ stage: "lost", lostReason: "price", contractAmountCents: null });
  });

  it("the buyer's selection on a need wins the opportunity with the amount", async () => {
    const { w, s, need, answer } = await interestedWorld("opp-select");
    await answer("Oui.");
    await selectSupplier({ buyerOrgId: w.buyer.id, needId: need.id, supplierId: s.supplier.id, amountCents: 4_800_000, actorId: w.buyerUser.id });
    const [opp] = await listOpportunities({ kind: "supplier", supplierId: s.supplier.id });
    expect(opp).toMatchObject({ stage: "won", contractAmountCents: 4_800_000, contractRecurring: true });
    const detail = await getOpportunity({ kind: "admin" }, opp!.id);
    expect(detail!.history[0]).toMatchObject({ kind: "stage", toStage: "won", via: "Sélection sur le besoin" });
  });

  it("a directory contact is one opportunity per pair, whatever the number of messages", async () => {
    const w = await needsWorld("opp-dir");
    const s = await supplierWithMember("opp-dir-s");
    const buyer = { userId: w.buyerUser.id, email: w.buyerUser.email, displayName: "Acheteuse", organisationId: w.buyer.id, organisationName: "Acheteur" };
    await contactSupplier({ supplierId: s.supplier.id, buyer, message: "Bonjour, pouvez-vous nous appeler ?" });
    await contactSupplier({ supplierId: s.supplier.id, buyer, message: "Je me permets de vous relancer." });
    const rows = await db.select().from(opportunities).where(and(eq(opportunities.buyerOrganisationId, w.buyer.id), eq(opportunities.supplierId, s.supplier.id)));
    expect(rows.map((r) => [r.origin, r.stage])).toEqual([["directory", "contact"]]);
  });

  it("a meeting held moves an open opportunity forward, never back, and never reopens a closed one", async () => {
    const { w, s, answer } = await interestedWorld("opp-meeting");
    await answer("Oui.");
    const key = { buyerOrganisationId: w.buyer.id, supplierId: s.supplier.id, origin: "directory" as const };
    const at = new Date("2027-04-01T10:00:00Z");
    const first = await db.transaction((tx) => recordContact(tx, { ...key, at }));
    expect(first.created).toBe(true);
    const again = await db.transaction((tx) => recordContact(tx, { ...key, stage: "meeting_held", at }));
    expect(again).toEqual({ opportunityId: first.opportunityId, created: false });
    const [row] = await db.select().from(opportunities).where(eq(opportunities.id, first.opportunityId));
    expect(row!.stage).toBe("meeting_held");
    await changeStage({ scope: { kind: "admin" }, opportunityId: first.opportunityId, actorId: null, to: "abandoned" });
    await db.transaction((tx) => recordContact(tx, { ...key, stage: "meeting_held", at }));
    const [after] = await db.select().from(opportunities).where(eq(opportunities.id, first.opportunityId));
    expect(after!.stage).toBe("abandoned");
  });
});
