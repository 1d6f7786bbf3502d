import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../client";
import { eventParticipants, eventSlots, events, organisations } from "../schema";
import { deriveSlots, parisTime } from "../../app/modules/events/slots";

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
