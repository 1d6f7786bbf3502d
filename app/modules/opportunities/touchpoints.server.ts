// The moments that make an opportunity, called by the needs, events and directory services in
// their own transactions, so that a contact and its opportunity are written together.
import { and, asc, eq, inArray } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { clubSuppliers, eventParticipants, events, suppliers } from "../../../db/schema";
import { changeStage, recordContact } from "./opportunities.server";

/** A supplier said "intéressé" to a need. */
export function needInterest(tx: Executor, input: { buyerOrganisationId: string; supplierId: string; needId: string; clubId: string; actorId: string | null; at: Date }) {
  return recordContact(tx, { ...input, origin: "need" });
}

/** The buyer retained a supplier on a need, for an amount: the opportunity is won. */
export async function needSelection(
  tx: Executor,
  input: { buyerOrganisationId: string; supplierId: string; needId: string; clubId: string; actorId: string | null; amountCents: number; recurring: boolean; at: Date },
) {
  const { opportunityId } = await recordContact(tx, { ...input, origin: "need" });
  await changeStage(
    {
      scope: { kind: "buyer", organisationId: input.buyerOrganisationId },
      opportunityId,
      actorId: input.actorId,
      via: "Sélection sur le besoin",
      to: "won",
      contract: { signedOn: input.at.toISOString().slice(0, 10), amountCents: input.amountCents, durationMonths: null, recurring: input.recurring },
      now: input.at,
    },
    tx,
  );
}

/** A buyer wrote to a supplier from the directory. The club is the one that sourced the supplier. */
export async function directoryContact(tx: Executor, input: { buyerOrganisationId: string; supplierId: string; actorId: string | null; at: Date }) {
  const [club] = await tx.select({ clubId: clubSuppliers.clubId }).from(clubSuppliers).where(eq(clubSuppliers.supplierId, input.supplierId)).orderBy(asc(clubSuppliers.createdAt)).limit(1);
  return recordContact(tx, { ...input, origin: "directory", clubId: club?.clubId ?? null });
}

/**
 * A meeting of an event took place. Only a buyer–supplier meeting is an opportunity (two
 * suppliers meeting to answer a need together are not a sale).
 */
export async function meetingHeld(tx: Executor, input: { eventId: string; participantIds: [string, string]; actorId: string | null; at: Date }) {
  const people = await tx
    .select({ side: eventParticipants.side, organisationId: eventParticipants.organisationId, clubId: events.clubId })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .where(and(eq(eventParticipants.eventId, input.eventId), inArray(eventParticipants.id, input.participantIds)));
  const buyer = people.find((p) => p.side === "buyer");
  const supplierSide = people.find((p) => p.side === "supplier");
  if (!buyer || !supplierSide) return null;
  const [supplier] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.organisationId, supplierSide.organisationId)).limit(1);
  if (!supplier) return null;
  return recordContact(tx, {
    buyerOrganisationId: buyer.organisationId,
    supplierId: supplier.id,
    origin: "event",
    eventId: input.eventId,
    clubId: buyer.clubId,
    stage: "meeting_held",
    actorId: input.actorId,
    via: "Rencontre",
    at: input.at,
  });
}
