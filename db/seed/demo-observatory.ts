import { eq, inArray } from "drizzle-orm";
import type { Executor } from "../client";
import { opportunities, opportunityEvents, organisations, suppliers } from "../schema";
import type { OpportunityStage } from "../../app/modules/opportunities/stages";

const day = 86_400_000;

/** YYYY-MM-DD in Europe/Paris, `days` before `now`. */
function parisDateBefore(now: Date, days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris", year: "numeric", month: "2-digit", day: "2-digit" }).format(new Date(now.getTime() - days * day));
}

/**
 * The demo buyer's business with the club's companies over the last months (contacts made from
 * the directory), so that its CSR report and the club's observatory are not empty: four contracts
 * won, two contacts under way, one lost. Suppliers are picked by their demo SIRET order among the
 * last of the list, away from the companies the other demo journeys use.
 */
export async function seedDemoOpportunities(tx: Executor, ctx: { clubId: string; buyerSlug: string; supplierSirets: (n: number) => string }, now: Date = new Date()) {
  const [buyer] = await tx.select({ id: organisations.id }).from(organisations).where(eq(organisations.slug, ctx.buyerSlug));
  if (!buyer) return;
  const plan: { n: number; stage: OpportunityStage; daysAgo: number; amountCents?: number; recurring?: boolean; lostReason?: string }[] = [
    { n: 19, stage: "won", daysAgo: 25, amountCents: 1_850_000, recurring: false },
    { n: 21, stage: "won", daysAgo: 70, amountCents: 4_200_000, recurring: true },
    { n: 26, stage: "won", daysAgo: 130, amountCents: 960_000, recurring: true },
    { n: 20, stage: "won", daysAgo: 200, amountCents: 2_400_000, recurring: false },
    { n: 25, stage: "quote_sent", daysAgo: 10 },
    { n: 22, stage: "contact", daysAgo: 5 },
    { n: 30, stage: "lost", daysAgo: 90, lostReason: "timing" },
  ];
  const rows = await tx.select({ id: suppliers.id, siret: suppliers.siret }).from(suppliers).where(inArray(suppliers.siret, plan.map((p) => ctx.supplierSirets(p.n))));
  const idBySiret = new Map(rows.map((r) => [r.siret, r.id]));
  for (const p of plan) {
    const supplierId = idBySiret.get(ctx.supplierSirets(p.n));
    if (!supplierId) continue;
    const changed = new Date(now.getTime() - p.daysAgo * day);
    const createdAt = new Date(changed.getTime() - 30 * day);
    const won = p.stage === "won";
    const [opp] = await tx
      .insert(opportunities)
      .values({
        buyerOrganisationId: buyer.id,
        supplierId,
        clubId: ctx.clubId,
        origin: "directory",
        stage: p.stage,
        contractSignedOn: won ? parisDateBefore(now, p.daysAgo) : null,
        contractAmountCents: won ? p.amountCents : null,
        contractRecurring: won ? p.recurring : null,
        contractDurationMonths: won && p.recurring ? 12 : null,
        lostReason: p.lostReason ?? null,
        createdAt,
        updatedAt: changed,
        stageChangedAt: p.stage === "contact" ? createdAt : changed,
      })
      .returning({ id: opportunities.id });
    await tx.insert(opportunityEvents).values({ opportunityId: opp!.id, kind: "created", toStage: "contact", via: "Données de démonstration", createdAt });
    if (p.stage !== "contact") {
      await tx.insert(opportunityEvents).values({ opportunityId: opp!.id, kind: "stage", fromStage: "contact", toStage: p.stage, via: "Données de démonstration", createdAt: changed });
    }
  }
}
