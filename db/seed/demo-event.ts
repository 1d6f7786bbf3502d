import { asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../client";
import { clubSuppliers, eventParticipants, eventSlots, events, meetings, organisations, suppliers } from "../schema";
import { deriveSlots, parisTime } from "../../app/modules/events/slots";
import { changeStage, recordContact } from "../../app/modules/opportunities/opportunities.server";
import { meetingHeld } from "../../app/modules/opportunities/touchpoints.server";

/** Paris calendar date `days` after `now`, YYYY-MM-DD. */
function parisDatePlus(now: Date, days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(now.getTime() + days * 86_400_000));
}

/**
 * The demo's upcoming event: a morning of 15-minute meetings at 10 tables in about three weeks,
 * registrations open, with the demo buyer and supplier already registered. Written with plain
 * inserts in the caller's transaction (no service: they open their own transactions).
 */
export async function seedDemoEvent(tx: Executor, ctx: { clubId: string; userIds: Record<string, string> }, now: Date = new Date()) {
  const date = parisDatePlus(now, 21);
  const settings = {
    date,
    sessions: [{ name: "morning" as const, start: "09:00", end: "12:30" }],
    meetingMinutes: 15,
    gapMinutes: 5,
    breaks: [{ start: "10:40", end: "11:00" }],
  };
  const [event] = await tx
    .insert(events)
    .values({
      clubId: ctx.clubId,
      slug: `rencontre-business-est-ensemble-${date}`,
      title: "Rencontre Business de Proximité — Est Ensemble",
      description:
        "Une matinée de rendez-vous d'affaires de 15 minutes entre les acheteurs des grandes entreprises signataires du PAQTE et les entrepreneurs des quartiers prioritaires d'Est Ensemble. Café d'accueil à 8 h 30.",
      venue: "Hôtel de territoire Est Ensemble, 100 avenue Gaston-Roussel, 93230 Romainville",
      ...settings,
      tablesCount: 10,
      tableMode: "auto",
      capacityBuyers: 20,
      capacitySuppliers: 40,
      registrationOpensAt: now,
      registrationClosesAt: parisTime(parisDatePlus(now, 17), "23:59"),
      wishDeadline: parisTime(parisDatePlus(now, 19), "18:00"),
      maxWishes: 8,
      approvalMode: "auto",
      status: "open",
      createdBy: ctx.userIds.animator ?? null,
    })
    .returning();
  const slots = deriveSlots(settings);
  await tx.insert(eventSlots).values(slots.map((s) => ({ eventId: event!.id, position: s.position, startsAt: s.startsAt, endsAt: s.endsAt, session: s.session })));
  const orgs = await tx
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, ["habitat-francilien-solidaire", "net-eclat-montreuil"]));
  const orgId = (slug: string) => orgs.find((o) => o.slug === slug)?.id;
  const registrations = [
    { userId: ctx.userIds.buyer, organisationId: orgId("habitat-francilien-solidaire"), side: "buyer" as const, pitch: "Nous cherchons des entreprises de nettoyage, de second œuvre et de traiteur pour nos résidences d'Est Ensemble." },
    { userId: ctx.userIds.supplier, organisationId: orgId("net-eclat-montreuil"), side: "supplier" as const, pitch: "Nettoyage de bureaux et de parties communes, équipes formées, produits écolabellisés." },
  ];
  for (const r of registrations) {
    if (!r.userId || !r.organisationId) continue;
    await tx.insert(eventParticipants).values({ eventId: event!.id, userId: r.userId, organisationId: r.organisationId, side: r.side, status: "approved", pitch: r.pitch });
  }
  const [stored] = await tx.select().from(events).where(eq(events.id, event!.id));
  return stored!;
}

/**
 * The demo's past event, five weeks ago: the demo buyer met the demo supplier, and the meeting
 * took place, so the follow-up starts with an opportunity at "rendez-vous tenu". A few contacts
 * with other demo companies give the club's follow-up and dashboards something to show.
 */
export async function seedDemoPastEvent(tx: Executor, ctx: { clubId: string; userIds: Record<string, string> }, now: Date = new Date()) {
  const date = parisDatePlus(now, -35);
  const settings = { date, sessions: [{ name: "morning" as const, start: "09:00", end: "11:00" }], meetingMinutes: 20, gapMinutes: 5, breaks: [] };
  const [event] = await tx
    .insert(events)
    .values({
      clubId: ctx.clubId,
      slug: `rencontre-business-est-ensemble-${date}`,
      title: "Rencontre Business de Proximité — Est Ensemble (automne)",
      description: "Matinée de rendez-vous d'affaires entre acheteurs du PAQTE et entrepreneurs des quartiers d'Est Ensemble.",
      venue: "Maison de l'économie, 21 rue de Paris, 93100 Montreuil",
      ...settings,
      tablesCount: 6,
      tableMode: "auto",
      capacityBuyers: 10,
      capacitySuppliers: 20,
      registrationOpensAt: new Date(now.getTime() - 70 * 86_400_000),
      registrationClosesAt: parisTime(parisDatePlus(now, -40), "23:59"),
      wishDeadline: parisTime(parisDatePlus(now, -38), "18:00"),
      maxWishes: 8,
      approvalMode: "auto",
      status: "done",
      createdBy: ctx.userIds.animator ?? null,
    })
    .returning();
  const slots = deriveSlots(settings);
  const stored = await tx
    .insert(eventSlots)
    .values(slots.map((s) => ({ eventId: event!.id, position: s.position, startsAt: s.startsAt, endsAt: s.endsAt, session: s.session })))
    .returning();
  const orgs = await tx
    .select({ id: organisations.id, slug: organisations.slug })
    .from(organisations)
    .where(inArray(organisations.slug, ["habitat-francilien-solidaire", "net-eclat-montreuil"]));
  const buyerOrgId = orgs.find((o) => o.slug === "habitat-francilien-solidaire")?.id;
  const supplierOrgId = orgs.find((o) => o.slug === "net-eclat-montreuil")?.id;
  if (!buyerOrgId || !supplierOrgId || !ctx.userIds.buyer || !ctx.userIds.supplier) return event!;
  const [buyer] = await tx
    .insert(eventParticipants)
    .values({ eventId: event!.id, userId: ctx.userIds.buyer, organisationId: buyerOrgId, side: "buyer", status: "approved", checkedIn: "present" })
    .returning();
  const [supplier] = await tx
    .insert(eventParticipants)
    .values({ eventId: event!.id, userId: ctx.userIds.supplier, organisationId: supplierOrgId, side: "supplier", status: "approved", checkedIn: "present" })
    .returning();
  const first = stored.sort((a, b) => a.position - b.position)[0]!;
  await tx.insert(meetings).values({ eventId: event!.id, participantA: buyer!.id, participantB: supplier!.id, slotId: first.id, tableLabel: "T1", status: "held", heldA: true, heldB: true, version: 1 });
  await meetingHeld(tx, { eventId: event!.id, participantIds: [buyer!.id, supplier!.id], actorId: ctx.userIds.supplier, at: first.endsAt });

  // Contacts made from the directory with other companies of the club, at different stages.
  const others = await tx
    .select({ id: suppliers.id })
    .from(suppliers)
    .innerJoin(clubSuppliers, eq(clubSuppliers.supplierId, suppliers.id))
    .where(eq(clubSuppliers.clubId, ctx.clubId))
    .orderBy(asc(suppliers.siret))
    .limit(3);
  const buyerScope = { kind: "buyer" as const, organisationId: buyerOrgId };
  const at = (daysAgo: number) => new Date(now.getTime() - daysAgo * 86_400_000);
  const outcomes = [
    { to: "won" as const, contract: { signedOn: parisDatePlus(now, -20), amountCents: 1_850_000, durationMonths: 12, recurring: true } },
    { to: "quote_sent" as const },
    { to: "lost" as const, lostReason: "price" as const },
  ];
  for (const [i, other] of others.entries()) {
    const { opportunityId } = await recordContact(tx, { buyerOrganisationId: buyerOrgId, supplierId: other.id, origin: "directory", clubId: ctx.clubId, actorId: ctx.userIds.buyer, at: at(60 - i) });
    await changeStage({ scope: buyerScope, opportunityId, actorId: ctx.userIds.buyer, ...outcomes[i]!, now: at(25 - i) }, tx);
  }
  return event!;
}
