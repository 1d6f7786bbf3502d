import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { db } from "../../../db/connection";
import { eventParticipants, events, payments } from "../../../db/schema";
import { billingConfig } from "./config.server";
import { eventTicketPrice } from "./prices.server";
import { DomainError } from "~/lib/errors";

/**
 * Test-only: what startTicketCheckout leaves in the database when Stripe answers (a pending
 * payment tied to a Checkout session id), without calling Stripe, which the e2e suite cannot
 * reach. The browser test then posts a signed webhook for that session, exactly as Stripe would.
 *
 * Never on in production: it needs PROXIMA_E2E_HOOKS=1 *and* a Stripe test key (sk_test_), so a
 * live key turns it off whatever the flag says.
 */
export function e2eHooksEnabled(source: Record<string, string | undefined> = process.env): boolean {
  return source.PROXIMA_E2E_HOOKS === "1" && Boolean(billingConfig(source).secretKey?.startsWith("sk_test_"));
}

export async function openTicketCheckoutOffline(input: { userId: string; eventSlug: string }) {
  if (!e2eHooksEnabled()) throw new DomainError("not_found", "Page introuvable.");
  const [row] = await db
    .select({ participant: eventParticipants, clubId: events.clubId })
    .from(eventParticipants)
    .innerJoin(events, eq(events.id, eventParticipants.eventId))
    .where(and(eq(events.slug, input.eventSlug), eq(eventParticipants.userId, input.userId), eq(eventParticipants.status, "awaiting_payment")));
  if (!row) throw new DomainError("not_found", "Aucune inscription n'attend de paiement.");
  const price = await eventTicketPrice(row.participant.eventId);
  if (!price) throw new DomainError("conflict", "Cette rencontre est gratuite.");
  const paymentId = randomUUID();
  const sessionId = `cs_test_e2e_${paymentId.replace(/-/g, "")}`;
  const metadata = {
    payment_id: paymentId,
    club_id: row.clubId,
    buyer_org_id: row.participant.organisationId,
    purpose: "ticket",
    registration_id: row.participant.id,
    event_id: row.participant.eventId,
  };
  await db.insert(payments).values({
    id: paymentId,
    clubId: row.clubId,
    buyerOrgId: row.participant.organisationId,
    purpose: "ticket",
    registrationId: row.participant.id,
    eventId: row.participant.eventId,
    amountCents: price.amountCents,
    startedBy: input.userId,
    checkoutSessionId: sessionId,
  });
  return { paymentId, sessionId, amountCents: price.amountCents, metadata };
}
