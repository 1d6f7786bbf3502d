import { and, eq, inArray } from "drizzle-orm";
import { db } from "../../../db/connection";
import { eventParticipants, events, users } from "../../../db/schema";
import { eventTicketPrice } from "../billing/prices.server";
import { abandonTicketCheckout, onTicketPaid, onTicketRefunded, refundTicket, startTicketCheckout, ticketPaymentState, type TicketHandler, type TicketPaymentState } from "../billing/tickets.server";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { eventOfClub, lockEvent, type EventRow } from "./events.server";
import { cancelRegistration, confirmPaidRegistration, decideParticipant, participationOf, registerParticipant, releaseParticipant, type ParticipantRow, type RegisterInput } from "./registration.server";
import { parisTime } from "./slots";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { formatDate } from "~/lib/format";

/**
 * Paid buyer tickets, seen from the events module: registration → Checkout → webhook → confirmed;
 * refunds when the buyer cancels in time or the club cancels the event. The billing module owns
 * the payments (app/modules/billing/tickets.server.ts); this module owns the registrations and
 * writes them from the billing module's handlers, inside its transaction.
 */

const confirmOnPayment: TicketHandler = async (tx, ticket) => {
  await confirmPaidRegistration(tx, { eventId: ticket.eventId, participantId: ticket.registrationId });
};

/** A refunded ticket (by us or from Stripe's dashboard) ends the registration. */
const releaseOnRefund: TicketHandler = async (tx, ticket) => {
  const event = await lockEvent(tx, ticket.eventId);
  const [participant] = await tx
    .select()
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.id, ticket.registrationId)));
  if (!participant || !["approved", "pending", "waitlisted", "awaiting_payment"].includes(participant.status)) return;
  await releaseParticipant(tx, event, participant, "cancelled");
};

let registered = false;
/** Idempotent: the webhook route and the refunding services call it before anything can run the handlers. */
export function registerEventTicketHandlers(): void {
  if (registered) return;
  registered = true;
  onTicketPaid(confirmOnPayment);
  onTicketRefunded(releaseOnRefund);
}

function eventUrl(event: Pick<EventRow, "slug">, query = ""): string {
  return new URL(`/rencontres/${event.slug}${query}`, env().APP_URL).toString();
}

/** The price a buyer pays for this event, or null (free, a supplier, or Stripe not configured). */
export async function buyerTicketPrice(eventId: string): Promise<number | null> {
  return (await eventTicketPrice(eventId))?.amountCents ?? null;
}

export type RegistrationOutcome = { participant: ParticipantRow; checkoutUrl: string | null };

/** Registers, then sends a buyer who has a ticket to pay to Stripe Checkout. */
export async function registerForEvent(input: RegisterInput & { userEmail: string }): Promise<RegistrationOutcome> {
  const participant = await registerParticipant(input);
  if (participant.status !== "awaiting_payment") return { participant, checkoutUrl: null };
  return startRegistrationCheckout({ eventId: input.eventId, userId: input.userId, userEmail: input.userEmail });
}

/** (Again) opens Checkout for the person's registration awaiting payment. */
export async function startRegistrationCheckout(input: { eventId: string; userId: string; userEmail: string }): Promise<RegistrationOutcome> {
  registerEventTicketHandlers();
  const participant = await participationOf(input.eventId, input.userId);
  if (participant?.status !== "awaiting_payment") throw new DomainError("conflict", "Aucun billet n'est à payer pour cette inscription.");
  const [event] = await db.select().from(events).where(eq(events.id, input.eventId));
  if (!event) throw new DomainError("not_found", "Cette rencontre n'existe pas.");
  const state = await ticketPaymentState(participant.id);
  if (state === "paid") throw new DomainError("conflict", "Votre billet est payé : l'inscription sera confirmée dans un instant.");
  // A session still open (a second tab, a retry): closed first, so only one can be paid.
  if (state === "pending") await abandonTicketCheckout({ registrationId: participant.id });
  const price = await eventTicketPrice(event.id);
  if (!price) {
    // Stripe was switched off, or the price removed, since the registration: it is free now.
    const confirmed = await db.transaction((tx) => confirmPaidRegistration(tx, { eventId: event.id, participantId: participant.id }));
    return { participant: confirmed ?? participant, checkoutUrl: null };
  }
  const result = await startTicketCheckout({
    clubId: event.clubId,
    eventId: event.id,
    registrationId: participant.id,
    buyerOrgId: participant.organisationId,
    userEmail: input.userEmail,
    userId: input.userId,
    amountCents: price.amountCents,
    description: `Billet acheteur — ${event.title} (${formatDate(event.date)})`,
    successUrl: eventUrl(event, "?paiement=succes"),
    cancelUrl: eventUrl(event, "?paiement=annule"),
  });
  return { participant, checkoutUrl: result.status === "checkout" ? result.url : null };
}

/** The buyer came back from Checkout without paying: the attempt is closed, the page offers a retry. */
export async function returnFromAbandonedCheckout(input: { eventId: string; userId: string }): Promise<void> {
  const participant = await participationOf(input.eventId, input.userId);
  if (participant?.status === "awaiting_payment") await abandonTicketCheckout({ registrationId: participant.id });
}

/** What the event page shows about a registration's ticket. */
export async function registrationTicketState(participant: Pick<ParticipantRow, "id" | "side"> | null): Promise<TicketPaymentState> {
  if (!participant || participant.side !== "buyer") return "not_required";
  return ticketPaymentState(participant.id);
}

/** Until when a buyer who cancels gets the ticket back: the registration deadline, else the event's eve. */
export function refundDeadline(event: Pick<EventRow, "registrationClosesAt" | "date">): Date {
  return event.registrationClosesAt ?? parisTime(event.date, "00:00");
}

/**
 * A person cancels their own registration. A paid ticket is refunded when they cancel before the
 * registration deadline (the refund then ends the registration); after it, the place is freed
 * without refund. A checkout still open is closed.
 */
export async function cancelOwnRegistration(input: { eventId: string; userId: string; now?: Date }): Promise<{ refunded: boolean }> {
  registerEventTicketHandlers();
  const now = input.now ?? new Date();
  const participant = await participationOf(input.eventId, input.userId);
  const [event] = await db.select().from(events).where(eq(events.id, input.eventId));
  let refunded = false;
  if (participant && event && event.status !== "done") {
    const state = await registrationTicketState(participant);
    if (state === "pending") await abandonTicketCheckout({ registrationId: participant.id });
    if (state === "paid" && now <= refundDeadline(event)) {
      refunded = (await refundTicket({ registrationId: participant.id, reason: "buyer_cancelled", now })).status !== "not_paid";
    }
  }
  const after = await participationOf(input.eventId, input.userId);
  // The refund's handler has already freed the place; otherwise (free, late, unpaid) it is done here.
  if (!refunded || (after && !["cancelled", "rejected"].includes(after.status))) await cancelRegistration(input);
  return { refunded };
}

/**
 * The club cancels the event: every active participant is told, and every paid ticket refunded.
 * Run again on a cancelled event, it retries the refunds that failed (Stripe unreachable).
 */
export async function cancelEvent(input: { clubId: string; slug: string; now?: Date }): Promise<{ refunded: number; failed: number }> {
  registerEventTicketHandlers();
  const now = input.now ?? new Date();
  const event = await db.transaction(async (tx) => {
    const row = await eventOfClub(tx, input.clubId, input.slug, true);
    if (row.status === "cancelled") return row;
    if (row.status === "done") throw new DomainError("conflict", "Cette rencontre est terminée : elle ne peut plus être annulée.");
    const [cancelled] = await tx.update(events).set({ status: "cancelled", updatedAt: now }).where(eq(events.id, row.id)).returning();
    const people = await tx
      .select({ email: users.email, name: users.displayName, side: eventParticipants.side })
      .from(eventParticipants)
      .innerJoin(users, eq(users.id, eventParticipants.userId))
      .where(and(eq(eventParticipants.eventId, row.id), inArray(eventParticipants.status, ["approved", "pending", "waitlisted", "awaiting_payment"])));
    for (const person of people) {
      await queueMail(tx, {
        to: person.email,
        kind: "event.cancelled",
        ...renderMail({
          subject: `Rencontre annulée : ${row.title}`,
          greeting: `Bonjour ${person.name},`,
          paragraphs: [
            `Le club a annulé la rencontre du ${formatDate(row.date)} (${row.venue}).`,
            ...(person.side === "buyer" ? ["Si vous avez payé un billet, il vous est remboursé en totalité."] : []),
          ],
          action: { label: "Voir la rencontre", url: eventUrl(row) },
        }),
      });
    }
    return cancelled!;
  });
  const buyers = await db
    .select({ id: eventParticipants.id })
    .from(eventParticipants)
    .where(and(eq(eventParticipants.eventId, event.id), eq(eventParticipants.side, "buyer")));
  let refunded = 0;
  const unrefunded = new Set<string>();
  for (const buyer of buyers) {
    const state = await ticketPaymentState(buyer.id);
    if (state === "pending") await abandonTicketCheckout({ registrationId: buyer.id });
    if (state !== "paid") continue;
    try {
      if ((await refundTicket({ registrationId: buyer.id, reason: "event_cancelled", now })).status === "refunded") refunded++;
    } catch (error) {
      console.error("[events] ticket refund failed:", error instanceof Error ? error.message : error);
      unrefunded.add(buyer.id);
    }
  }
  // Everyone else (suppliers, free or unpaid buyers) is released, without waiting-list promotion.
  // A paid ticket whose refund failed stays as it is: the next run refunds it, then frees it.
  await db.transaction(async (tx) => {
    const locked = await lockEvent(tx, event.id);
    const rest = await tx
      .select()
      .from(eventParticipants)
      .where(and(eq(eventParticipants.eventId, event.id), inArray(eventParticipants.status, ["approved", "pending", "waitlisted", "awaiting_payment"])));
    for (const p of rest) if (!unrefunded.has(p.id)) await releaseParticipant(tx, locked, p, "cancelled");
  });
  return { refunded, failed: unrefunded.size };
}

/**
 * The animator approves or rejects a registration; a rejected buyer's paid ticket is refunded
 * (the rejection is written first: a refund that fails leaves it rejected, and says so).
 */
export async function decideRegistration(input: { eventId: string; participantId: string; decision: "approve" | "reject"; now?: Date }): Promise<{ refunded: boolean }> {
  registerEventTicketHandlers();
  await decideParticipant(input);
  if (input.decision === "approve") return { refunded: false };
  if ((await ticketPaymentState(input.participantId)) !== "paid") return { refunded: false };
  try {
    await refundTicket({ registrationId: input.participantId, reason: "registration_rejected", now: input.now });
  } catch (error) {
    console.error("[events] ticket refund failed:", error instanceof Error ? error.message : error);
    throw new DomainError("conflict", "Inscription refusée, mais le billet n'a pas pu être remboursé : remboursez-le depuis le tableau de bord Stripe.");
  }
  return { refunded: true };
}
