// A fixed world for the observatory tests: one club (two QPV of Montreuil), six of its suppliers
// and two outside it, two buyers, needs, an event with meetings, opportunities and contracts,
// every date fixed. The expected figures are worked out by hand in figures.server.test.ts.
import { db } from "../../../db/connection";
import { clubSuppliers, eventParticipants, events, eventSlots, meetings, needs, needSuppliers, opportunities } from "../../../db/schema";
import { createClubRow, createOrganisationRow, createUser } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";

export const period = { from: "2027-01-01", to: "2027-06-30" };
const at = (iso: string) => new Date(iso);

export async function observatoryWorld(tag = "obs") {
  const animator = await createUser(db, { email: `animatrice-${tag}@observatoire.example.org` });
  const club = await createClubRow(db, { name: `Club ${tag}`, epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: ["QN09318M", "QN09309M"], animatorIds: [animator.id] });
  const otherClub = await createClubRow(db, { name: `Autre club ${tag}`, epciSiren: "243300316", epciName: "Bordeaux Métropole", qpvCodes: [] });
  const buyerUser = await createUser(db, { email: `acheteuse-${tag}@observatoire.example.org` });
  const b1 = await createOrganisationRow(db, { kind: "buyer", name: `Bailleur ${tag}`, members: [{ userId: buyerUser.id }] });
  const b2 = await createOrganisationRow(db, { kind: "buyer", name: `Énergéticien ${tag}` });

  const supplier = async (n: number, values: Parameters<typeof createSupplierRow>[1]) => createSupplierRow(db, { name: `Fournisseur ${n} ${tag}`, ...values });
  const s1 = await supplier(1, { qpvCode: "QN09318M", qpvStatus: "verified", categories: ["nettoyage"], createdAt: at("2026-12-15T10:00:00Z") });
  const s2 = await supplier(2, { qpvCode: "QN09318M", qpvStatus: "verified", categories: ["nettoyage", "espaces-verts"], createdAt: at("2026-12-15T10:00:00Z") });
  // 23:30 UTC on 31 January is 1 February in Paris: counted in February.
  const s3 = await supplier(3, { qpvCode: "QN09318M", qpvStatus: "verified", categories: ["restauration-traiteur"], createdAt: at("2027-01-31T23:30:00Z") });
  const s4 = await supplier(4, { qpvCode: "QN09318M", qpvStatus: "declared", categories: ["nettoyage"], createdAt: at("2027-02-10T10:00:00Z") });
  const s5 = await supplier(5, { qpvCode: "QN09309M", qpvStatus: "verified", categories: ["espaces-verts"], createdAt: at("2027-03-05T10:00:00Z") });
  const s6 = await supplier(6, { qpvStatus: "none", categories: ["nettoyage"], createdAt: at("2027-04-20T10:00:00Z") });
  await db.insert(clubSuppliers).values({ clubId: club.id, supplierId: s6.id });
  // Outside the club: in Bordeaux; and one of the club's QPV, but added after the period.
  const s7 = await supplier(7, { communeInsee: "33063", categories: ["nettoyage"], createdAt: at("2027-01-10T10:00:00Z") });
  await supplier(8, { qpvCode: "QN09318M", qpvStatus: "verified", categories: ["nettoyage"], createdAt: at("2027-07-02T10:00:00Z") });

  const need = async (values: Partial<typeof needs.$inferInsert>) =>
    (await db.insert(needs).values({ buyerOrganisationId: b1.id, clubId: club.id, title: "Besoin", status: "published", ...values }).returning())[0]!;
  const n1 = await need({ publishedAt: at("2027-02-01T09:00:00Z") });
  const n2 = await need({ buyerOrganisationId: b2.id, publishedAt: at("2027-03-15T09:00:00Z") });
  await need({ publishedAt: at("2026-12-01T09:00:00Z") }); // before the period
  await need({ status: "draft" }); // never published
  await need({ clubId: otherClub.id, publishedAt: at("2027-02-01T09:00:00Z") }); // another club
  const notified = at("2027-02-01T10:00:00Z");
  await db.insert(needSuppliers).values([
    { needId: n1.id, supplierId: s1.id, matched: true, score: 80, notifiedAt: notified, interestedAt: at("2027-02-03T10:00:00Z") },
    { needId: n1.id, supplierId: s2.id, matched: true, score: 70, notifiedAt: notified },
    { needId: n1.id, supplierId: s3.id, matched: true, score: 60, notifiedAt: notified, declinedAt: at("2027-02-02T10:00:00Z") },
    { needId: n2.id, supplierId: s5.id, matched: true, score: 75, notifiedAt: at("2027-03-15T10:00:00Z") },
    // found the need by itself: not matched, not notified, interested
    { needId: n2.id, supplierId: s6.id, matched: false, interestedAt: at("2027-03-16T10:00:00Z") },
  ]);

  const event = async (values: Partial<typeof events.$inferInsert>) =>
    (await db
      .insert(events)
      .values({ clubId: club.id, slug: `rencontre-${tag}-${values.date}`, title: "Rencontre", date: "2027-03-12", sessions: [{ name: "morning", start: "09:00", end: "12:00" }], status: "done", ...values })
      .returning())[0]!;
  const e1 = await event({ date: "2027-03-12" });
  await event({ date: "2027-04-01", status: "draft" });
  await event({ date: "2027-08-01", status: "open" });
  const [slot] = await db.insert(eventSlots).values({ eventId: e1.id, position: 0, startsAt: at("2027-03-12T08:00:00Z"), endsAt: at("2027-03-12T08:20:00Z"), session: "morning" }).returning();
  const participant = async (organisationId: string, side: "buyer" | "supplier", status: "approved" | "pending" = "approved") => {
    const user = await createUser(db);
    return (await db.insert(eventParticipants).values({ eventId: e1.id, organisationId, userId: user.id, side, status }).returning())[0]!;
  };
  const pb1 = await participant(b1.id, "buyer");
  const pb2 = await participant(b2.id, "buyer");
  const ps1 = await participant(s1.organisationId, "supplier");
  const ps3 = await participant(s3.organisationId, "supplier");
  await participant(s5.organisationId, "supplier", "pending");
  const meeting = (a: string, b: string, status: "held" | "missed" | "cancelled") => ({ eventId: e1.id, participantA: a, participantB: b, slotId: slot!.id, tableLabel: "T1", status });
  await db.insert(meetings).values([meeting(pb1.id, ps1.id, "held"), meeting(pb2.id, ps3.id, "missed"), meeting(pb1.id, ps3.id, "cancelled")]);

  const opportunity = (values: typeof opportunities.$inferInsert) => db.insert(opportunities).values({ clubId: club.id, ...values });
  await opportunity({ buyerOrganisationId: b1.id, supplierId: s1.id, origin: "need", needId: n1.id, createdAt: at("2027-02-03T10:00:00Z"), stage: "won", contractSignedOn: "2027-03-20", contractAmountCents: 1_200_000 });
  await opportunity({ buyerOrganisationId: b2.id, supplierId: s5.id, origin: "directory", createdAt: at("2027-02-20T10:00:00Z"), stage: "won", contractSignedOn: "2027-05-02", contractAmountCents: 300_000 });
  await opportunity({ buyerOrganisationId: b1.id, supplierId: s6.id, origin: "need", needId: n2.id, createdAt: at("2027-03-16T10:00:00Z"), stage: "lost", lostReason: "price" });
  await opportunity({ buyerOrganisationId: b2.id, supplierId: s3.id, origin: "event", eventId: e1.id, createdAt: at("2027-03-12T10:00:00Z"), stage: "meeting_held" });
  await opportunity({ buyerOrganisationId: b1.id, supplierId: s3.id, origin: "directory", createdAt: at("2027-04-01T10:00:00Z"), stage: "won", contractSignedOn: "2027-04-10", contractAmountCents: 800_000 });
  // Created before the period, signed during it (with a supplier whose QPV is only declared).
  await opportunity({ buyerOrganisationId: b1.id, supplierId: s4.id, origin: "directory", createdAt: at("2026-11-10T10:00:00Z"), stage: "won", contractSignedOn: "2027-01-15", contractAmountCents: 500_000 });
  // Another club's contract, with the Bordeaux supplier.
  await opportunity({ clubId: otherClub.id, buyerOrganisationId: b2.id, supplierId: s7.id, origin: "directory", createdAt: at("2027-02-01T10:00:00Z"), stage: "won", contractSignedOn: "2027-02-10", contractAmountCents: 9_900_000 });

  return { animator, club, otherClub, buyerUser, b1, b2, suppliers: { s1, s2, s3, s4, s5, s6, s7 } };
}
