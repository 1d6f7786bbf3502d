import { randomUUID } from "node:crypto";
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { clubs, organisations, payments } from "../../../db/schema";
import { billingEnabled } from "./config.server";
import { markPaymentCancelled, markPaymentFailed, markPaymentRefunded, type PaymentRow } from "./payments.server";
import { stripeGateway } from "./stripe-gateway.server";
import { DomainError } from "~/lib/errors";

/**
 * Paid event tickets, as a service the events module calls with its registration id. The
 * registration is confirmed by the events module's own handler, registered with onTicketPaid and
 * run inside the webhook's transaction: the payment and the confirmation commit together.
 */

export type TicketPaymentState = "not_required" | "pending" | "paid" | "cancelled" | "refunded" | "failed";

export type TicketChange = { paymentId: string; registrationId: string; eventId: string; clubId: string; buyerOrgId: string; amountCents: number };
/** `tx` is the transaction that changes the payment: write the registration with it, never with `db`. */
export type TicketHandler = (tx: Executor, ticket: TicketChange) => Promise<void>;

const paidHandlers = new Set<TicketHandler>();
const refundedHandlers = new Set<TicketHandler>();

/** Registers a handler run in the transaction that marks a ticket paid. Returns an unregister function. */
export function onTicketPaid(handler: TicketHandler): () => void {
  paidHandlers.add(handler);
  return () => paidHandlers.delete(handler);
}

/** Registers a handler run in the transaction that marks a ticket refunded. Returns an unregister function. */
export function onTicketRefunded(handler: TicketHandler): () => void {
  refundedHandlers.add(handler);
  return () => refundedHandlers.delete(handler);
}

function ticketChange(row: PaymentRow): TicketChange | null {
  if (row.purpose !== "ticket" || !row.registrationId || !row.eventId) return null;
  return { paymentId: row.id, registrationId: row.registrationId, eventId: row.eventId, clubId: row.clubId, buyerOrgId: row.buyerOrgId, amountCents: row.amountCents };
}

/** Runs the handlers for a payment that has just become paid (called once per transition). */
export async function ticketBecamePaid(tx: Executor, row: PaymentRow): Promise<void> {
  const change = ticketChange(row);
  if (!change) return;
  for (const handler of paidHandlers) await handler(tx, change);
}

export async function ticketBecameRefunded(tx: Executor, row: PaymentRow): Promise<void> {
  const change = ticketChange(row);
  if (!change) return;
  for (const handler of refundedHandlers) await handler(tx, change);
}

export type StartTicketCheckoutInput = {
  clubId: string;
  eventId: string;
  registrationId: string;
  buyerOrgId: string;
  userEmail: string;
  userId?: string;
  amountCents: number;
  /** Shown on the Checkout page and the receipt, e.g. "Billet — Rencontres du 12 mars". */
  description?: string;
  successUrl: string;
  cancelUrl: string;
};

export type StartTicketCheckoutResult = { status: "not_required" } | { status: "checkout"; paymentId: string; url: string };

async function assertBuyerOfClub(clubId: string, buyerOrgId: string): Promise<void> {
  const [row] = await db
    .select({ club: clubs.organisationId, kind: organisations.kind })
    .from(organisations)
    .leftJoin(clubs, eq(clubs.organisationId, clubId))
    .where(eq(organisations.id, buyerOrgId));
  if (!row?.club) throw new DomainError("not_found", "Club introuvable.");
  // Suppliers (QPV entrepreneurs) never pay: only buyer organisations get a ticket to pay.
  if (row.kind !== "buyer") throw new DomainError("forbidden", "Seules les entreprises acheteuses paient un billet.");
}

/**
 * Opens a Checkout session for a ticket. A free event, or a platform without Stripe, answers
 * "not_required" and the events module confirms the registration at once.
 */
export async function startTicketCheckout(input: StartTicketCheckoutInput): Promise<StartTicketCheckoutResult> {
  if (!billingEnabled() || input.amountCents <= 0) return { status: "not_required" };
  if (!Number.isInteger(input.amountCents)) throw new DomainError("invalid", "Montant du billet invalide.");
  await assertBuyerOfClub(input.clubId, input.buyerOrgId);
  if ((await ticketPaymentState(input.registrationId)) === "paid") throw new DomainError("conflict", "Ce billet est déjà payé.");

  const paymentId = randomUUID();
  // The row exists before the session: a webhook can never arrive for a payment we do not know.
  await db.insert(payments).values({
    id: paymentId,
    clubId: input.clubId,
    buyerOrgId: input.buyerOrgId,
    purpose: "ticket",
    registrationId: input.registrationId,
    eventId: input.eventId,
    amountCents: input.amountCents,
    startedBy: input.userId ?? null,
  });
  try {
    const session = await stripeGateway.createTicketCheckout({
      metadata: { payment_id: paymentId, club_id: input.clubId, buyer_org_id: input.buyerOrgId, purpose: "ticket", registration_id: input.registrationId, event_id: input.eventId },
      description: input.description ?? "Billet d'événement",
      amountCents: input.amountCents,
      customerEmail: input.userEmail,
      successUrl: input.successUrl,
      cancelUrl: input.cancelUrl,
    });
    await db.update(payments).set({ checkoutSessionId: session.sessionId }).where(eq(payments.id, paymentId));
    return { status: "checkout", paymentId, url: session.url };
  } catch (error) {
    await markPaymentFailed(db, paymentId, "Session de paiement impossible à créer");
    throw error;
  }
}

/** Precedence when a registration has several attempts: one paid attempt is what counts. */
const statePrecedence: PaymentRow["status"][] = ["paid", "pending", "refunded", "failed", "cancelled"];

/** Where a registration's ticket payment stands; "not_required" when it never needed one. */
export async function ticketPaymentState(registrationId: string): Promise<TicketPaymentState> {
  const attempts = await db
    .select({ status: payments.status })
    .from(payments)
    .where(and(eq(payments.registrationId, registrationId), eq(payments.purpose, "ticket")))
    .orderBy(desc(payments.createdAt));
  if (!attempts.length) return "not_required";
  const paidOrPending = statePrecedence.slice(0, 2).find((s) => attempts.some((a) => a.status === s));
  return paidOrPending ?? attempts[0]!.status;
}

/**
 * The buyer came back from Checkout without paying: the attempt is marked abandoned at once (the
 * page then offers a retry) and its session expired so it can no longer be paid later.
 */
export async function abandonTicketCheckout(input: { registrationId: string }): Promise<void> {
  const pending = await db
    .select()
    .from(payments)
    .where(and(eq(payments.registrationId, input.registrationId), eq(payments.status, "pending")));
  for (const row of pending) {
    await markPaymentCancelled(db, row.id, "Paiement abandonné");
    if (row.checkoutSessionId) {
      // Best effort: if it fails (already completed), the webhook still records the payment.
      await stripeGateway.expireCheckoutSession(row.checkoutSessionId).catch(() => undefined);
    }
  }
}

export type RefundReason = "event_cancelled" | "buyer_cancelled" | "registration_rejected";
const refundReasonLabel: Record<RefundReason, string> = {
  event_cancelled: "Événement annulé",
  buyer_cancelled: "Inscription annulée par l'acheteur",
  registration_rejected: "Inscription refusée par le club",
};

/**
 * Refunds a paid ticket in full. The deadline for a buyer's own cancellation is the events
 * module's rule; it calls this once it has decided. Returns "not_paid" when there is nothing to
 * refund (free event, never paid), so cancelling a free registration needs no special case.
 */
export async function refundTicket(input: { registrationId: string; reason: RefundReason; now?: Date }): Promise<{ status: "refunded" | "already_refunded" | "not_paid" }> {
  const attempts = await db
    .select()
    .from(payments)
    .where(and(eq(payments.registrationId, input.registrationId), eq(payments.purpose, "ticket"), inArray(payments.status, ["paid", "refunded"])));
  const paid = attempts.find((a) => a.status === "paid");
  if (!paid) return { status: attempts.length ? "already_refunded" : "not_paid" };
  if (!paid.paymentIntentId) throw new DomainError("conflict", "Ce paiement n'est pas encore confirmé par Stripe : réessayez dans quelques minutes.");

  await stripeGateway.refundPayment({ paymentId: paid.id, paymentIntentId: paid.paymentIntentId, reason: input.reason });
  // The charge.refunded webhook will find it already refunded; whichever comes first runs the handlers.
  await db.transaction(async (tx) => {
    await tx.execute(sql`SELECT 1 FROM ${payments} WHERE ${payments.id} = ${paid.id} FOR UPDATE`);
    const row = await markPaymentRefunded(tx, paid.id, { reason: refundReasonLabel[input.reason], at: input.now ?? new Date() });
    if (row) await ticketBecameRefunded(tx, row);
  });
  return { status: "refunded" };
}
