import { eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { clubBillingSettings, clubEventPrices, clubs } from "../../../db/schema";
import { billingEnabled } from "./config.server";
import { DomainError } from "~/lib/errors";

export type ClubPrices = {
  membershipPriceCents: number | null;
  membershipRequiredForNeeds: boolean;
  membershipRequiredForEvents: boolean;
  stripePriceId: string | null;
};

const freeClub: ClubPrices = { membershipPriceCents: null, membershipRequiredForNeeds: false, membershipRequiredForEvents: false, stripePriceId: null };

/** What the club has set, whether or not billing is enabled (the animator's page shows both). */
export async function clubPrices(clubId: string, executor: Executor = db): Promise<ClubPrices> {
  const [row] = await executor.select().from(clubBillingSettings).where(eq(clubBillingSettings.clubId, clubId));
  if (!row) return freeClub;
  return {
    membershipPriceCents: row.membershipPriceCents,
    membershipRequiredForNeeds: row.membershipRequiredForNeeds,
    membershipRequiredForEvents: row.membershipRequiredForEvents,
    stripePriceId: row.stripePriceId,
  };
}

export type UpdateClubPricesInput = {
  clubId: string;
  userId: string;
  membershipPriceCents: number | null;
  requiredForNeeds: boolean;
  requiredForEvents: boolean;
};

export async function updateClubPrices(input: UpdateClubPricesInput): Promise<void> {
  if ((input.requiredForNeeds || input.requiredForEvents) && input.membershipPriceCents === null) {
    throw new DomainError("invalid", "Fixez le prix de l'adhésion pour pouvoir l'exiger.", { field: "membershipPrice" });
  }
  const values = {
    membershipPriceCents: input.membershipPriceCents,
    membershipRequiredForNeeds: input.requiredForNeeds,
    membershipRequiredForEvents: input.requiredForEvents,
    updatedBy: input.userId,
    updatedAt: new Date(),
  };
  await db
    .insert(clubBillingSettings)
    .values({ clubId: input.clubId, ...values })
    .onConflictDoUpdate({
      target: clubBillingSettings.clubId,
      // A stored Stripe Price is for the old amount: forget it when the amount changes.
      set: {
        ...values,
        stripePriceId: sql`CASE WHEN ${clubBillingSettings.membershipPriceCents} IS DISTINCT FROM ${input.membershipPriceCents} THEN NULL ELSE ${clubBillingSettings.stripePriceId} END`,
      },
    });
}

/** Called by the events module when an animator sets (or clears, with null) an event's ticket price. */
export async function setEventTicketPrice(input: { clubId: string; eventId: string; ticketPriceCents: number | null }, executor: Executor = db): Promise<void> {
  if (input.ticketPriceCents === null) {
    await executor.delete(clubEventPrices).where(sql`${clubEventPrices.eventId} = ${input.eventId} AND ${clubEventPrices.clubId} = ${input.clubId}`);
    return;
  }
  if (!Number.isInteger(input.ticketPriceCents) || input.ticketPriceCents <= 0) {
    throw new DomainError("invalid", "Le prix du billet doit être un montant positif.", { field: "ticketPrice" });
  }
  const [club] = await executor.select({ id: clubs.organisationId }).from(clubs).where(eq(clubs.organisationId, input.clubId));
  if (!club) throw new DomainError("not_found", "Club introuvable.");
  const [existing] = await executor.select({ clubId: clubEventPrices.clubId }).from(clubEventPrices).where(eq(clubEventPrices.eventId, input.eventId));
  if (existing && existing.clubId !== input.clubId) throw new DomainError("forbidden", "Cet événement appartient à un autre club.");
  await executor
    .insert(clubEventPrices)
    .values({ eventId: input.eventId, clubId: input.clubId, ticketPriceCents: input.ticketPriceCents })
    .onConflictDoUpdate({ target: clubEventPrices.eventId, set: { ticketPriceCents: input.ticketPriceCents, updatedAt: new Date() } });
}

/**
 * The ticket price buyers pay for an event, or null when the event is free for them — always
 * null when billing is disabled. Suppliers never pay: the events module asks only for buyers.
 */
export async function eventTicketPrice(eventId: string, executor: Executor = db): Promise<{ clubId: string; amountCents: number; currency: string } | null> {
  if (!billingEnabled()) return null;
  const [row] = await executor.select().from(clubEventPrices).where(eq(clubEventPrices.eventId, eventId));
  return row ? { clubId: row.clubId, amountCents: row.ticketPriceCents, currency: row.currency } : null;
}
