import { and, eq, gte, inArray, isNull, ne, or } from "drizzle-orm";
import { db } from "../../../db/connection";
import { eventParticipants, meetingRequests, needs, organisations, suppliers, users } from "../../../db/schema";
import { needsForSupplier, rankSuppliersForNeed, type NeedMatchInput } from "../matching/matching.server";
import { matchInputOfNeed } from "../needs/notifications.server";
import { parisToday } from "./events.server";
import { DomainError } from "~/lib/errors";
import type { ParticipantRow } from "./registration.server";

/**
 * "Rencontres suggérées": the matching service (score and French reasons of ADR 0004) applied to
 * the participants of one event. A buyer sees the approved suppliers ranked against the needs it
 * brings (those linked to its registration, else its open needs, else the categories of all its
 * needs); a supplier sees the buyers whose needs fit it. People already asked, or who asked, are
 * left out: the suggestion is for a meeting still to request.
 */

export type Suggestion = {
  participantId: string;
  name: string;
  organisationName: string;
  score: number;
  reasons: string[];
  /** The need the suggestion answers, when it comes from one. */
  needTitle: string | null;
};

export type Suggestions = { basis: "linked_needs" | "open_needs" | "categories" | "supplier_profile" | "none"; items: Suggestion[] };

type Counterpart = { id: string; organisationId: string; name: string; organisationName: string };

/** Approved participants of the other side, minus those the viewer already has a request with. */
async function counterparts(eventId: string, viewer: ParticipantRow, side: "buyer" | "supplier"): Promise<Counterpart[]> {
  const people = await db
    .select({ id: eventParticipants.id, organisationId: eventParticipants.organisationId, name: users.displayName, organisationName: organisations.name })
    .from(eventParticipants)
    .innerJoin(users, eq(users.id, eventParticipants.userId))
    .innerJoin(organisations, eq(organisations.id, eventParticipants.organisationId))
    .where(
      and(
        eq(eventParticipants.eventId, eventId),
        eq(eventParticipants.side, side),
        eq(eventParticipants.status, "approved"),
        ne(eventParticipants.organisationId, viewer.organisationId),
      ),
    );
  const asked = await db
    .select({ from: meetingRequests.fromParticipant, to: meetingRequests.toParticipant })
    .from(meetingRequests)
    .where(
      and(
        eq(meetingRequests.eventId, eventId),
        inArray(meetingRequests.status, ["pending", "accepted", "declined"]),
        or(eq(meetingRequests.fromParticipant, viewer.id), eq(meetingRequests.toParticipant, viewer.id)),
      ),
    );
  const taken = new Set(asked.flatMap((r) => [r.from, r.to]));
  return people.filter((p) => !taken.has(p.id));
}

function linkedNeedIds(participant: Pick<ParticipantRow, "linkedNeeds">): string[] {
  const value = participant.linkedNeeds;
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
}

/** The buyer organisation's published needs still open, the linked ones only when some are linked. */
async function openNeedsOf(organisationIds: string[], now: Date, only?: string[]) {
  if (!organisationIds.length || only?.length === 0) return [];
  return db
    .select()
    .from(needs)
    .where(
      and(
        inArray(needs.buyerOrganisationId, organisationIds),
        eq(needs.status, "published"),
        or(isNull(needs.responseDeadline), gte(needs.responseDeadline, parisToday(now))),
        only ? inArray(needs.id, only) : undefined,
      ),
    );
}

function keepBest(best: Map<string, Suggestion>, s: Suggestion) {
  const known = best.get(s.participantId);
  if (!known || s.score > known.score) best.set(s.participantId, s);
}

function ranked(best: Map<string, Suggestion>, limit: number): Suggestion[] {
  return [...best.values()].sort((a, b) => b.score - a.score || a.organisationName.localeCompare(b.organisationName, "fr")).slice(0, limit);
}

async function forBuyer(eventId: string, viewer: ParticipantRow, now: Date, limit: number): Promise<Suggestions> {
  const linked = linkedNeedIds(viewer);
  let basis: Suggestions["basis"] = linked.length ? "linked_needs" : "open_needs";
  let needRows = await openNeedsOf([viewer.organisationId], now, linked.length ? linked : undefined);
  const inputs: { input: NeedMatchInput; title: string | null }[] = [];
  for (const need of needRows) inputs.push({ input: await matchInputOfNeed(db, need), title: need.title });
  if (!inputs.length) {
    // No open need: what the buyer usually buys, anywhere (its needs' categories).
    needRows = await db.select().from(needs).where(eq(needs.buyerOrganisationId, viewer.organisationId));
    const categories = [...new Set(needRows.flatMap((n) => n.categories))];
    if (!categories.length) return { basis: "none", items: [] };
    basis = "categories";
    inputs.push({ input: { categories, communeInsee: null, perimeter: { kind: "national" } }, title: null });
  }
  const people = await counterparts(eventId, viewer, "supplier");
  const supplierRows = people.length
    ? await db.select({ id: suppliers.id, organisationId: suppliers.organisationId }).from(suppliers).where(inArray(suppliers.organisationId, people.map((p) => p.organisationId)))
    : [];
  const personOfSupplier = new Map(supplierRows.map((s) => [s.id, people.find((p) => p.organisationId === s.organisationId)!]));
  const best = new Map<string, Suggestion>();
  for (const { input, title } of inputs) {
    const matches = await rankSuppliersForNeed(input, { supplierIds: [...personOfSupplier.keys()] });
    for (const m of matches) {
      const person = personOfSupplier.get(m.supplierId)!;
      keepBest(best, { participantId: person.id, name: person.name, organisationName: person.organisationName, score: m.score, reasons: m.reasons, needTitle: title });
    }
  }
  return { basis, items: ranked(best, limit) };
}

async function forSupplier(eventId: string, viewer: ParticipantRow, now: Date, limit: number): Promise<Suggestions> {
  const [supplier] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.organisationId, viewer.organisationId));
  if (!supplier) return { basis: "none", items: [] };
  const people = await counterparts(eventId, viewer, "buyer");
  if (!people.length) return { basis: "supplier_profile", items: [] };
  // Each buyer brings its linked needs, or else its open ones.
  const full = await db.select({ id: eventParticipants.id, linkedNeeds: eventParticipants.linkedNeeds }).from(eventParticipants).where(inArray(eventParticipants.id, people.map((p) => p.id)));
  const open = await openNeedsOf([...new Set(people.map((p) => p.organisationId))], now);
  const needOwners = new Map<string, Counterpart[]>();
  for (const person of people) {
    const linked = linkedNeedIds(full.find((f) => f.id === person.id)!);
    const own = open.filter((n) => n.buyerOrganisationId === person.organisationId && (!linked.length || linked.includes(n.id)));
    for (const need of own) needOwners.set(need.id, [...(needOwners.get(need.id) ?? []), person]);
  }
  const feed = await needsForSupplier(supplier.id, { now, needIds: [...needOwners.keys()], limit: 200 });
  const best = new Map<string, Suggestion>();
  for (const need of feed) {
    for (const person of needOwners.get(need.needId) ?? []) {
      keepBest(best, { participantId: person.id, name: person.name, organisationName: person.organisationName, score: need.score, reasons: need.reasons, needTitle: need.title });
    }
  }
  return { basis: "supplier_profile", items: ranked(best, limit) };
}

export async function suggestedMeetings(input: { eventId: string; viewer: ParticipantRow; now?: Date; limit?: number }): Promise<Suggestions> {
  const now = input.now ?? new Date();
  const limit = input.limit ?? 5;
  return input.viewer.side === "buyer" ? forBuyer(input.eventId, input.viewer, now, limit) : forSupplier(input.eventId, input.viewer, now, limit);
}

/** The buyer's open needs, with those linked to its registration ticked. */
export async function needsToLink(viewer: ParticipantRow, now: Date = new Date()) {
  if (viewer.side !== "buyer") return [];
  const linked = new Set(linkedNeedIds(viewer));
  const open = await openNeedsOf([viewer.organisationId], now);
  return open.map((n) => ({ id: n.id, title: n.title, linked: linked.has(n.id) }));
}

/** Links the buyer's open needs to its registration (an empty list: all its open needs count). */
export async function linkNeeds(input: { viewer: ParticipantRow; needIds: string[]; now?: Date }): Promise<void> {
  if (input.viewer.side !== "buyer") throw new DomainError("forbidden", "Seules les entreprises acheteuses présentent des besoins.");
  const open = await openNeedsOf([input.viewer.organisationId], input.now ?? new Date(), input.needIds.length ? input.needIds : undefined);
  if (input.needIds.length && open.length !== new Set(input.needIds).size) throw new DomainError("invalid", "Ce besoin n'est pas un besoin ouvert de votre entreprise.", { field: "needs" });
  await db
    .update(eventParticipants)
    .set({ linkedNeeds: input.needIds.length ? open.map((n) => n.id) : null, updatedAt: new Date() })
    .where(and(eq(eventParticipants.id, input.viewer.id), eq(eventParticipants.organisationId, input.viewer.organisationId)));
}
