import Stripe from "stripe";
import { billingConfig, currency } from "./config.server";
import { DomainError } from "~/lib/errors";

/**
 * The only module that calls Stripe's API. Services call it through the `stripeGateway` object,
 * so a test can replace one method (Stripe is unreachable from our machines) and nothing else
 * needs to know how Stripe is spoken to. Webhook signature checks need no API call: they live
 * in webhook.server.ts with Stripe's static helpers.
 */

/** Carried on the session, its subscription or payment intent: the webhook finds our rows by it. */
export type PaymentMetadata = {
  payment_id: string;
  club_id: string;
  buyer_org_id: string;
  purpose: "membership" | "ticket";
  registration_id?: string;
  event_id?: string;
};

export type CheckoutSession = { sessionId: string; url: string };

export type MembershipCheckoutInput = {
  metadata: PaymentMetadata & { purpose: "membership" };
  clubName: string;
  amountCents: number;
  /** A Price created for the club, when there is one; otherwise the amount goes as price_data. */
  stripePriceId?: string | null;
  customerId?: string | null;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
};

export type TicketCheckoutInput = {
  metadata: PaymentMetadata & { purpose: "ticket"; registration_id: string; event_id: string };
  description: string;
  amountCents: number;
  customerEmail: string;
  successUrl: string;
  cancelUrl: string;
};

let client: { key: string; stripe: Stripe } | undefined;

function stripeClient(): Stripe {
  const key = billingConfig().secretKey;
  if (!key) throw new DomainError("invalid", "Les paiements ne sont pas activés sur cette plateforme.");
  if (client?.key !== key) {
    client = { key, stripe: new Stripe(key, { maxNetworkRetries: 2, timeout: 20_000, appInfo: { name: "Proxima" } }) };
  }
  return client.stripe;
}

/** Stripe's own errors become one French message; the details go to the log, not the user. */
async function callStripe<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DomainError) throw error;
    console.error(`[billing] Stripe ${what} failed:`, error instanceof Error ? error.message : error);
    throw new DomainError("conflict", "Le service de paiement n'a pas répondu. Réessayez dans quelques minutes.");
  }
}

function sessionResult(session: Stripe.Checkout.Session): CheckoutSession {
  if (!session.url) throw new Error(`Checkout session ${session.id} has no URL`);
  return { sessionId: session.id, url: session.url };
}

function membershipLineItem(input: MembershipCheckoutInput): Stripe.Checkout.SessionCreateParams.LineItem {
  if (input.stripePriceId) return { price: input.stripePriceId, quantity: 1 };
  return {
    quantity: 1,
    price_data: {
      currency,
      unit_amount: input.amountCents,
      recurring: { interval: "year" },
      product_data: { name: `Adhésion annuelle — ${input.clubName}` },
    },
  };
}

async function createMembershipCheckout(input: MembershipCheckoutInput): Promise<CheckoutSession> {
  const session = await callStripe("membership checkout", () =>
    stripeClient().checkout.sessions.create(
      {
        mode: "subscription",
        locale: "fr",
        line_items: [membershipLineItem(input)],
        client_reference_id: input.metadata.payment_id,
        metadata: input.metadata,
        // Copied on the subscription, hence on its invoices: renewals find their membership by it.
        subscription_data: { metadata: input.metadata },
        ...(input.customerId ? { customer: input.customerId } : { customer_email: input.customerEmail }),
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: `checkout-${input.metadata.payment_id}` },
    ),
  );
  return sessionResult(session);
}

async function createTicketCheckout(input: TicketCheckoutInput): Promise<CheckoutSession> {
  const session = await callStripe("ticket checkout", () =>
    stripeClient().checkout.sessions.create(
      {
        mode: "payment",
        locale: "fr",
        line_items: [{ quantity: 1, price_data: { currency, unit_amount: input.amountCents, product_data: { name: input.description } } }],
        client_reference_id: input.metadata.payment_id,
        metadata: input.metadata,
        // Copied on the payment intent, so a refund event can be traced back to its ticket.
        payment_intent_data: { metadata: input.metadata },
        customer_email: input.customerEmail,
        invoice_creation: { enabled: true },
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: `checkout-${input.metadata.payment_id}` },
    ),
  );
  return sessionResult(session);
}

/** Stripe's customer portal: invoices, card change, cancellation. */
async function createPortalSession(input: { customerId: string; returnUrl: string }): Promise<{ url: string }> {
  const session = await callStripe("portal session", () => stripeClient().billingPortal.sessions.create({ customer: input.customerId, return_url: input.returnUrl }));
  return { url: session.url };
}

/** Refunds the whole payment. The idempotency key makes a double click refund once. */
async function refundPayment(input: { paymentId: string; paymentIntentId: string; reason: string }): Promise<{ refundId: string; status: string }> {
  const refund = await callStripe("refund", () =>
    stripeClient().refunds.create(
      { payment_intent: input.paymentIntentId, reason: "requested_by_customer", metadata: { payment_id: input.paymentId, reason: input.reason } },
      { idempotencyKey: `refund-${input.paymentId}` },
    ),
  );
  return { refundId: refund.id, status: refund.status ?? "pending" };
}

/** Closes an abandoned session so it can no longer be paid. */
async function expireCheckoutSession(sessionId: string): Promise<void> {
  await callStripe("expire session", () => stripeClient().checkout.sessions.expire(sessionId));
}

export const stripeGateway = {
  createMembershipCheckout,
  createTicketCheckout,
  createPortalSession,
  refundPayment,
  expireCheckoutSession,
};
