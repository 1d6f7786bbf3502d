import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { eventParticipants, needs } from "../../../db/schema";
import { createUser } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { registerParticipant } from "./registration.server";
import { linkNeeds, needsToLink, suggestedMeetings } from "./suggestions.server";
import { clubFixture, openEvent, person } from "./test-fixtures";
import { sendWish } from "./wishes.server";

const now = new Date("2027-01-15T10:00:00Z");
let clubId = "";
let animatorId = "";

beforeAll(async () => {
  const f = await clubFixture("Club Suggestions");
  clubId = f.club.id;
  animatorId = f.animator.id;
});

let n = 0;
async function supplierAt(eventId: string, name: string, values: Parameters<typeof createSupplierRow>[1]) {
  const user = await createUser(db, { displayName: `Contact ${name}`, email: `sugg-${++n}-${Date.now()}@events.example.org` });
  const supplier = await createSupplierRow(db, { name, ownerId: user.id, ...values });
  return registerParticipant({ eventId, userId: user.id, organisationId: supplier.organisationId, now });
}

async function buyerAt(eventId: string) {
  const p = await person("buyer", { name: "Bailleur Social" });
  const participant = await registerParticipant({ eventId, userId: p.user.id, organisationId: p.organisationId, now });
  return { ...p, participant };
}

async function need(buyerOrgId: string, values: Partial<typeof needs.$inferInsert>) {
  const [row] = await db
    .insert(needs)
    .values({
      buyerOrganisationId: buyerOrgId,
      clubId,
      status: "published",
      title: "Nettoyage des parties communes",
      description: "Entretien hebdomadaire des halls et vitrerie",
      categories: ["nettoyage"],
      communeInsee: "93066",
      perimeterKind: "radius",
      radiusKm: 15,
      publishedAt: now,
      ...values,
    })
    .returning();
  return row!;
}

describe("suggested meetings", () => {
  it("ranks the event's suppliers against the buyer's open needs, with the matching reasons, and leaves out those already asked", async () => {
    const event = await openEvent(clubId, animatorId);
    const buyer = await buyerAt(event.id);
    await need(buyer.organisationId, {});
    const qpv = await supplierAt(event.id, "Propreté QPV", { categories: ["nettoyage"], qpvStatus: "verified", qpvCode: "QN09318M", description: "Nettoyage de halls et vitrerie" });
    const plain = await supplierAt(event.id, "Propreté simple", { categories: ["nettoyage"] });
    await supplierAt(event.id, "Traiteur du coin", { categories: ["restauration-traiteur"] });
    await supplierAt(event.id, "Nettoyage lyonnais", { categories: ["nettoyage"], communeInsee: "69123", lat: 45.758, lon: 4.835 });
    // A supplier of the directory that does not take part is never suggested.
    await createSupplierRow(db, { name: "Absent du salon", categories: ["nettoyage"] });

    const result = await suggestedMeetings({ eventId: event.id, viewer: buyer.participant, now });
    expect(result.basis).toBe("open_needs");
    expect(result.items.map((s) => s.organisationName)).toEqual(["Propreté QPV", "Propreté simple"]);
    const best = result.items[0]!;
    expect(best.participantId).toBe(qpv.id);
    expect(best.needTitle).toBe("Nettoyage des parties communes");
    expect(best.reasons).toContain("Catégorie : Nettoyage et propreté");
    expect(best.reasons.some((r) => r.startsWith("QPV vérifié"))).toBe(true);
    expect(best.score).toBeGreaterThan(result.items[1]!.score);

    await sendWish({ eventId: event.id, fromParticipantId: buyer.participant.id, toParticipantId: qpv.id, now });
    const after = await suggestedMeetings({ eventId: event.id, viewer: buyer.participant, now });
    expect(after.items.map((s) => s.participantId)).toEqual([plain.id]);
  });

  it("uses only the needs linked to the registration when there are some, else the categories of past needs", async () => {
    const event = await openEvent(clubId, animatorId);
    const buyer = await buyerAt(event.id);
    const cleaning = await need(buyer.organisationId, {});
    const catering = await need(buyer.organisationId, { title: "Plateaux-repas", description: "Repas de réunion", categories: ["restauration-traiteur"] });
    await supplierAt(event.id, "Propreté", { categories: ["nettoyage"] });
    await supplierAt(event.id, "Traiteur", { categories: ["restauration-traiteur"] });

    // Only the buyer's own open needs can be linked.
    const stranger = await person("buyer");
    const foreign = await need(stranger.organisationId, {});
    await expect(linkNeeds({ viewer: buyer.participant, needIds: [foreign.id], now })).rejects.toMatchObject({ code: "invalid" });
    await linkNeeds({ viewer: buyer.participant, needIds: [catering.id], now });
    const [linkedRow] = await db.select().from(eventParticipants).where(eq(eventParticipants.id, buyer.participant.id));
    const linked = await suggestedMeetings({ eventId: event.id, viewer: linkedRow!, now });
    expect(linked).toMatchObject({ basis: "linked_needs", items: [{ organisationName: "Traiteur", needTitle: "Plateaux-repas" }] });
    expect((await needsToLink(linkedRow!, now)).map((n) => [n.title, n.linked]).sort()).toEqual([
      ["Nettoyage des parties communes", false],
      ["Plateaux-repas", true],
    ]);

    await db.update(needs).set({ status: "closed" }).where(eq(needs.id, cleaning.id));
    await db.update(needs).set({ status: "closed" }).where(eq(needs.id, catering.id));
    const [plainRow] = await db.update(eventParticipants).set({ linkedNeeds: null }).where(eq(eventParticipants.id, buyer.participant.id)).returning();
    const byCategories = await suggestedMeetings({ eventId: event.id, viewer: plainRow!, now });
    expect(byCategories.basis).toBe("categories");
    expect(byCategories.items.map((s) => s.organisationName).sort()).toEqual(["Propreté", "Traiteur"]);
    expect(byCategories.items.every((s) => s.needTitle === null)).toBe(true);
  });

  it("shows a supplier the buyers whose needs fit it", async () => {
    const event = await openEvent(clubId, animatorId);
    const fitting = await buyerAt(event.id);
    await need(fitting.organisationId, {});
    const other = await buyerAt(event.id);
    await need(other.organisationId, { title: "Traiteur pour séminaire", categories: ["restauration-traiteur"] });
    await buyerAt(event.id); // no need at all
    const supplier = await supplierAt(event.id, "Propreté QPV", { categories: ["nettoyage"], qpvStatus: "verified", qpvCode: "QN09318M" });

    const result = await suggestedMeetings({ eventId: event.id, viewer: supplier, now });
    expect(result.items).toHaveLength(1);
    expect(result.items[0]).toMatchObject({ participantId: fitting.participant.id, needTitle: "Nettoyage des parties communes" });
    expect(result.items[0]!.reasons).toContain("Catégorie : Nettoyage et propreté");

    const none = await buyerAt(event.id);
    expect(await suggestedMeetings({ eventId: event.id, viewer: none.participant, now })).toEqual({ basis: "none", items: [] });
  });
});
