// Opportunities: every buyer–supplier contact and what it became. Created by the touchpoints
// (an "intéressé" answer, a meeting held, a message from the directory), updated by both sides
// or by the club's animator on their behalf; every change is written to opportunity_events.
import { and, asc, desc, eq, ilike, inArray, lt, or, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { events, needs, opportunities, opportunityEvents, organisations, suppliers, users } from "../../../db/schema";
import { enqueue } from "../outbox/outbox.server";
import { advancesTo, type Contract, type LostReason, type OpportunityOrigin, type OpportunityStage } from "./stages";
import { DomainError } from "~/lib/errors";

export type OpportunityRow = typeof opportunities.$inferSelect;

/** Whose opportunities a query may read or change. */
export type OpportunityScope =
  | { kind: "buyer"; organisationId: string }
  | { kind: "supplier"; supplierId: string }
  | { kind: "club"; clubId: string }
  | { kind: "admin" };

export type Touchpoint = "need_interest" | "meeting_held";

function scopeCondition(scope: OpportunityScope): SQL | undefined {
  switch (scope.kind) {
    case "buyer":
      return eq(opportunities.buyerOrganisationId, scope.organisationId);
    case "supplier":
      return eq(opportunities.supplierId, scope.supplierId);
    case "club":
      return eq(opportunities.clubId, scope.clubId);
    case "admin":
      return undefined;
  }
}

export type RecordContactInput = {
  buyerOrganisationId: string;
  supplierId: string;
  origin: OpportunityOrigin;
  needId?: string | null;
  eventId?: string | null;
  clubId?: string | null;
  /** "meeting_held" when the contact is a meeting that took place. */
  stage?: "contact" | "meeting_held";
  actorId?: string | null;
  via?: string | null;
  at: Date;
};

function pairCondition(input: RecordContactInput): SQL {
  const pair = and(eq(opportunities.buyerOrganisationId, input.buyerOrganisationId), eq(opportunities.supplierId, input.supplierId))!;
  if (input.needId) return and(pair, eq(opportunities.needId, input.needId))!;
  if (input.eventId) return and(pair, eq(opportunities.eventId, input.eventId))!;
  return and(pair, eq(opportunities.origin, "directory"))!;
}

/**
 * The opportunity of a contact, created at most once per (buyer, supplier, need | event | directory).
 * A meeting held moves an open opportunity forward; the touchpoints that start the follow-up
 * surveys are written to the outbox in the caller's transaction.
 */
export async function recordContact(tx: Executor, input: RecordContactInput): Promise<{ opportunityId: string; created: boolean }> {
  const stage = input.stage ?? "contact";
  const touchpoint: Touchpoint | null = stage === "meeting_held" ? "meeting_held" : input.origin === "need" ? "need_interest" : null;
  const [inserted] = await tx
    .insert(opportunities)
    .values({
      buyerOrganisationId: input.buyerOrganisationId,
      supplierId: input.supplierId,
      origin: input.origin,
      needId: input.needId ?? null,
      eventId: input.eventId ?? null,
      clubId: input.clubId ?? null,
      stage,
      createdAt: input.at,
      updatedAt: input.at,
      stageChangedAt: input.at,
    })
    .onConflictDoNothing()
    .returning({ id: opportunities.id });
  if (inserted) {
    await tx.insert(opportunityEvents).values({ opportunityId: inserted.id, kind: "created", actorId: input.actorId ?? null, via: input.via ?? null, toStage: stage, createdAt: input.at });
    if (touchpoint) await enqueue(tx, "opportunity.touchpoint", { opportunityId: inserted.id, touchpoint, at: input.at.toISOString() });
    return { opportunityId: inserted.id, created: true };
  }
  const [existing] = await tx.select().from(opportunities).where(pairCondition(input)).for("update");
  if (!existing) throw new DomainError("conflict", "Cette opportunité vient d'être créée par ailleurs ; réessayez.");
  if (advancesTo(existing.stage, stage)) {
    await tx.update(opportunities).set({ stage, stageChangedAt: input.at, updatedAt: input.at }).where(eq(opportunities.id, existing.id));
    await tx.insert(opportunityEvents).values({
      opportunityId: existing.id,
      kind: "stage",
      actorId: input.actorId ?? null,
      via: input.via ?? null,
      fromStage: existing.stage,
      toStage: stage,
      createdAt: input.at,
    });
  }
  if (touchpoint === "meeting_held" && existing.stage !== "meeting_held") {
    await enqueue(tx, "opportunity.touchpoint", { opportunityId: existing.id, touchpoint, at: input.at.toISOString() });
  }
  return { opportunityId: existing.id, created: false };
}

async function lockInScope(tx: Executor, scope: OpportunityScope, opportunityId: string): Promise<OpportunityRow> {
  const [row] = await tx
    .select()
    .from(opportunities)
    .where(and(eq(opportunities.id, opportunityId), scopeCondition(scope)))
    .for("update");
  if (!row) throw new DomainError("not_found", "Cette opportunité n'existe pas ou ne vous concerne pas.");
  return row;
}

export type ChangeStageInput = {
  scope: OpportunityScope;
  opportunityId: string;
  actorId: string | null;
  /** How the change was made when not by the actor's own hand ("Enquête de suivi", "Animatrice pour …"). */
  via?: string | null;
  to: OpportunityStage;
  note?: string | null;
  contract?: Contract | null;
  lostReason?: LostReason | null;
  now?: Date;
};

/** Moves an opportunity to a stage; "won" needs the contract, "lost" a reason from the list. */
export async function changeStage(input: ChangeStageInput, executor?: Executor): Promise<OpportunityRow> {
  const run = async (tx: Executor) => {
    const now = input.now ?? new Date();
    const row = await lockInScope(tx, input.scope, input.opportunityId);
    if (input.to === "won" && !input.contract) throw new DomainError("invalid", "Indiquez la date et le montant du contrat gagné.", { field: "amount" });
    if (input.to === "lost" && !input.lostReason) throw new DomainError("invalid", "Indiquez pourquoi l'opportunité est perdue.", { field: "lostReason" });
    const sameStage = row.stage === input.to;
    if (sameStage && input.to !== "won" && !input.note) throw new DomainError("conflict", "L'opportunité est déjà à cette étape.");
    const contract = input.to === "won" ? input.contract! : null;
    const [updated] = await tx
      .update(opportunities)
      .set({
        stage: input.to,
        updatedAt: now,
        ...(sameStage ? {} : { stageChangedAt: now }),
        contractSignedOn: contract?.signedOn ?? null,
        contractAmountCents: contract?.amountCents ?? null,
        contractDurationMonths: contract?.durationMonths ?? null,
        contractRecurring: contract?.recurring ?? null,
        lostReason: input.to === "lost" ? input.lostReason! : null,
      })
      .where(eq(opportunities.id, row.id))
      .returning();
    await tx.insert(opportunityEvents).values({
      opportunityId: row.id,
      kind: sameStage ? (input.to === "won" ? "contract" : "note") : "stage",
      actorId: input.actorId,
      via: input.via ?? null,
      fromStage: sameStage ? null : row.stage,
      toStage: sameStage ? null : input.to,
      note: noteWithDetails(input, contract),
      createdAt: now,
    });
    return updated!;
  };
  return executor ? run(executor) : db.transaction(run);
}

function noteWithDetails(input: ChangeStageInput, contract: Contract | null): string | null {
  const parts = [input.note?.trim() || null];
  if (contract) {
    const amount = new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: 0 }).format(contract.amountCents / 100);
    parts.push(`Contrat du ${contract.signedOn} : ${amount} HT${contract.recurring ? ", récurrent" : ""}${contract.durationMonths ? `, ${contract.durationMonths} mois` : ""}.`);
  }
  return parts.filter(Boolean).join(" ") || null;
}

/** A note without a change of stage ("Pas encore", news from the club session). */
export async function addNote(input: { scope: OpportunityScope; opportunityId: string; actorId: string | null; via?: string | null; note: string; now?: Date }, executor?: Executor): Promise<void> {
  const run = async (tx: Executor) => {
    const now = input.now ?? new Date();
    const row = await lockInScope(tx, input.scope, input.opportunityId);
    await tx.update(opportunities).set({ updatedAt: now }).where(eq(opportunities.id, row.id));
    await tx.insert(opportunityEvents).values({ opportunityId: row.id, kind: "note", actorId: input.actorId, via: input.via ?? null, note: input.note.trim(), createdAt: now });
  };
  await (executor ? run(executor) : db.transaction(run));
}

export type OpportunityFilters = { stage?: OpportunityStage | "open" | null; origin?: OpportunityOrigin | null; q?: string | null };

const buyerOrg = alias(organisations, "buyer_org");

function summaryColumns() {
  return {
    id: opportunities.id,
    stage: opportunities.stage,
    origin: opportunities.origin,
    clubId: opportunities.clubId,
    buyerOrganisationId: opportunities.buyerOrganisationId,
    buyerName: buyerOrg.name,
    supplierId: opportunities.supplierId,
    supplierOrganisationId: suppliers.organisationId,
    supplierName: sql<string>`coalesce(${suppliers.tradeName}, ${suppliers.legalName})`,
    supplierSlug: suppliers.slug,
    needId: opportunities.needId,
    needTitle: needs.title,
    eventId: opportunities.eventId,
    eventTitle: events.title,
    contractSignedOn: opportunities.contractSignedOn,
    contractAmountCents: opportunities.contractAmountCents,
    contractRecurring: opportunities.contractRecurring,
    contractDurationMonths: opportunities.contractDurationMonths,
    lostReason: opportunities.lostReason,
    createdAt: opportunities.createdAt,
    updatedAt: opportunities.updatedAt,
    stageChangedAt: opportunities.stageChangedAt,
  };
}

function summaryQuery(executor: Executor) {
  return executor
    .select(summaryColumns())
    .from(opportunities)
    .innerJoin(buyerOrg, eq(buyerOrg.id, opportunities.buyerOrganisationId))
    .innerJoin(suppliers, eq(suppliers.id, opportunities.supplierId))
    .leftJoin(needs, eq(needs.id, opportunities.needId))
    .leftJoin(events, eq(events.id, opportunities.eventId));
}

export type OpportunitySummary = Awaited<ReturnType<typeof listOpportunities>>[number];

/** The opportunities a scope can see, most recently changed first. */
export async function listOpportunities(scope: OpportunityScope, filters: OpportunityFilters = {}, executor: Executor = db) {
  const conditions: (SQL | undefined)[] = [scopeCondition(scope)];
  if (filters.stage === "open") conditions.push(inArray(opportunities.stage, ["contact", "meeting_held", "quote_sent"]));
  else if (filters.stage) conditions.push(eq(opportunities.stage, filters.stage));
  if (filters.origin) conditions.push(eq(opportunities.origin, filters.origin));
  const q = filters.q?.trim();
  if (q) {
    const like = `%${q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conditions.push(or(ilike(buyerOrg.name, like), ilike(suppliers.legalName, like), ilike(suppliers.tradeName, like), ilike(needs.title, like), ilike(events.title, like)));
  }
  return summaryQuery(executor)
    .where(and(...conditions))
    .orderBy(desc(opportunities.updatedAt), asc(opportunities.id))
    .limit(500);
}

/** One opportunity with its history, if the scope may see it. */
export async function getOpportunity(scope: OpportunityScope, opportunityId: string, executor: Executor = db) {
  const [summary] = await summaryQuery(executor)
    .where(and(eq(opportunities.id, opportunityId), scopeCondition(scope)))
    .limit(1);
  if (!summary) return null;
  const history = await opportunityHistory(opportunityId, executor);
  return { ...summary, history };
}

/** The history rows with the actor's name: an opportunity's page and the club's sessions. */
export function historyQuery(executor: Executor = db) {
  return executor
    .select({
      id: opportunityEvents.id,
      opportunityId: opportunityEvents.opportunityId,
      kind: opportunityEvents.kind,
      fromStage: opportunityEvents.fromStage,
      toStage: opportunityEvents.toStage,
      note: opportunityEvents.note,
      via: opportunityEvents.via,
      actorName: users.displayName,
      createdAt: opportunityEvents.createdAt,
    })
    .from(opportunityEvents)
    .leftJoin(users, eq(users.id, opportunityEvents.actorId));
}

export async function opportunityHistory(opportunityId: string, executor: Executor = db) {
  return historyQuery(executor)
    .where(eq(opportunityEvents.opportunityId, opportunityId))
    .orderBy(desc(opportunityEvents.createdAt), desc(opportunityEvents.id));
}

/** The supplier profile of a supplier organisation (the supplier side of the scope). */
export async function supplierIdOfOrganisation(organisationId: string, executor: Executor = db): Promise<string | null> {
  const [row] = await executor.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.organisationId, organisationId)).limit(1);
  return row?.id ?? null;
}

/** Opportunities of a club with no change since `before` (the animator's weekly digest). */
export async function staleOpportunities(clubId: string, before: Date, executor: Executor = db) {
  return summaryQuery(executor)
    .where(and(eq(opportunities.clubId, clubId), inArray(opportunities.stage, ["contact", "meeting_held", "quote_sent"]), lt(opportunities.updatedAt, before)))
    .orderBy(asc(opportunities.updatedAt));
}

