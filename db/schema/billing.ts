import { sql } from "drizzle-orm";
import { boolean, check, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { clubs, organisations } from "./organisations";

/** What a club charges. No row, or a null price, means free. */
export const clubBillingSettings = pgTable(
  "club_billing_settings",
  {
    clubId: uuid("club_id")
      .primaryKey()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    /** Annual membership for buyer organisations, in euro cents. */
    membershipPriceCents: integer("membership_price_cents"),
    membershipRequiredForNeeds: boolean("membership_required_for_needs").notNull().default(false),
    membershipRequiredForEvents: boolean("membership_required_for_events").notNull().default(false),
    /** Set only if a Stripe Price was created for the club; otherwise Checkout gets price_data. */
    stripeProductId: text("stripe_product_id"),
    stripePriceId: text("stripe_price_id"),
    updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [check("club_billing_settings_price_positive", sql`${t.membershipPriceCents} IS NULL OR ${t.membershipPriceCents} > 0`)],
);

/** Ticket price of one event for buyers. Keyed by the events module's event id (no FK yet). */
export const clubEventPrices = pgTable(
  "club_event_prices",
  {
    eventId: uuid("event_id").primaryKey(),
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    ticketPriceCents: integer("ticket_price_cents").notNull(),
    currency: text("currency").notNull().default("eur"),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("club_event_prices_club_idx").on(t.clubId), check("club_event_prices_positive", sql`${t.ticketPriceCents} > 0`)],
);

export const buyerMembershipStatus = pgEnum("buyer_membership_status", ["none", "active", "past_due", "cancelled"]);

/**
 * A buyer organisation's membership of a club. `status` mirrors Stripe (the webhooks write it);
 * `freeGrant` is the club's own decision and is never touched by Stripe.
 */
export const buyerMemberships = pgTable(
  "buyer_memberships",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    buyerOrgId: uuid("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    status: buyerMembershipStatus("status").notNull().default("none"),
    activeUntil: timestamp("active_until", { withTimezone: true }),
    cancelAtPeriodEnd: boolean("cancel_at_period_end").notNull().default(false),
    freeGrant: boolean("free_grant").notNull().default(false),
    grantedBy: text("granted_by").references(() => users.id, { onDelete: "set null" }),
    grantedAt: timestamp("granted_at", { withTimezone: true }),
    grantNote: text("grant_note"),
    stripeCustomerId: text("stripe_customer_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    /** `created` of the newest Stripe event applied: an older event never overwrites a newer state. */
    lastStripeEventAt: timestamp("last_stripe_event_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("buyer_memberships_club_org_idx").on(t.clubId, t.buyerOrgId),
    index("buyer_memberships_org_idx").on(t.buyerOrgId),
    index("buyer_memberships_subscription_idx").on(t.stripeSubscriptionId),
  ],
);

export const paymentPurpose = pgEnum("payment_purpose", ["membership", "ticket"]);
export const paymentStatus = pgEnum("payment_status", ["pending", "paid", "failed", "cancelled", "refunded"]);

/**
 * One attempt to collect money (a Checkout session, or a renewal invoice). Financial records:
 * deleting a club or an organisation with payments is refused rather than erasing them.
 * No card data is ever stored: only Stripe's ids.
 */
export const payments = pgTable(
  "payments",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "restrict" }),
    buyerOrgId: uuid("buyer_org_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "restrict" }),
    purpose: paymentPurpose("purpose").notNull(),
    /** Tickets: the events module's registration and event (no FK yet). */
    registrationId: uuid("registration_id"),
    eventId: uuid("event_id"),
    amountCents: integer("amount_cents").notNull(),
    currency: text("currency").notNull().default("eur"),
    status: paymentStatus("status").notNull().default("pending"),
    checkoutSessionId: text("checkout_session_id"),
    paymentIntentId: text("payment_intent_id"),
    invoiceId: text("invoice_id"),
    chargeId: text("charge_id"),
    stripeSubscriptionId: text("stripe_subscription_id"),
    startedBy: text("started_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    paidAt: timestamp("paid_at", { withTimezone: true }),
    refundedAt: timestamp("refunded_at", { withTimezone: true }),
    /** What Stripe says was given back so far (cumulative): the full amount, or part of it. */
    amountRefundedCents: integer("amount_refunded_cents").notNull().default(0),
    refundReason: text("refund_reason"),
    failureReason: text("failure_reason"),
  },
  (t) => [
    uniqueIndex("payments_checkout_session_idx").on(t.checkoutSessionId),
    uniqueIndex("payments_invoice_idx").on(t.invoiceId),
    index("payments_club_created_idx").on(t.clubId, t.createdAt),
    index("payments_buyer_org_idx").on(t.buyerOrgId),
    index("payments_registration_idx").on(t.registrationId),
    index("payments_payment_intent_idx").on(t.paymentIntentId),
    check("payments_amount_positive", sql`${t.amountCents} > 0`),
  ],
);

/** Every Stripe event received, once: the primary key makes a replay a no-op. */
export const stripeEvents = pgTable(
  "stripe_events",
  {
    id: text("id").primaryKey(),
    type: text("type").notNull(),
    createdAtStripe: timestamp("created_at_stripe", { withTimezone: true }).notNull(),
    payload: jsonb("payload").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
    /** Null when no handler applies to this type (stored for the record only). */
    processedAt: timestamp("processed_at", { withTimezone: true }),
  },
  (t) => [index("stripe_events_type_idx").on(t.type, t.createdAtStripe)],
);
