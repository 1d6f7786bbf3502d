import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { organisations, payments } from "../../../db/schema";
import { paymentPurposeText, paymentStatusText } from "./labels";
import { toCsv } from "~/lib/csv-write";

export type PaymentRow = typeof payments.$inferSelect;
export type PaymentStatus = PaymentRow["status"];

/** Stripe ids learnt from an event; an id already known is never replaced by a missing one. */
export type StripeIds = { paymentIntentId?: string | null; invoiceId?: string | null; chargeId?: string | null; subscriptionId?: string | null };

export async function fillStripeIds(tx: Executor, paymentId: string, ids: StripeIds): Promise<void> {
  await tx
    .update(payments)
    .set({
      paymentIntentId: sql`COALESCE(${payments.paymentIntentId}, ${ids.paymentIntentId ?? null})`,
      invoiceId: sql`COALESCE(${payments.invoiceId}, ${ids.invoiceId ?? null})`,
      chargeId: sql`COALESCE(${payments.chargeId}, ${ids.chargeId ?? null})`,
      stripeSubscriptionId: sql`COALESCE(${payments.stripeSubscriptionId}, ${ids.subscriptionId ?? null})`,
    })
    .where(eq(payments.id, paymentId));
}

/**
 * Status changes are guarded in SQL by the states they may leave, so a late or replayed event
 * cannot move a payment backwards (a paid payment never becomes failed or cancelled again).
 * Each returns the row when the status did change, null otherwise.
 */
export async function markPaymentPaid(tx: Executor, paymentId: string, input: StripeIds & { amountCents?: number | null; at: Date }): Promise<PaymentRow | null> {
  await fillStripeIds(tx, paymentId, input);
  const [row] = await tx
    .update(payments)
    .set({ status: "paid", paidAt: input.at, failureReason: null, ...(input.amountCents ? { amountCents: input.amountCents } : {}) })
    .where(and(eq(payments.id, paymentId), inArray(payments.status, ["pending", "failed", "cancelled"])))
    .returning();
  return row ?? null;
}

export async function markPaymentRefunded(
  tx: Executor,
  paymentId: string,
  input: { chargeId?: string | null; reason: string; at: Date; amountRefundedCents?: number | null },
): Promise<PaymentRow | null> {
  await fillStripeIds(tx, paymentId, { chargeId: input.chargeId });
  const [row] = await tx
    .update(payments)
    .set({ status: "refunded", refundedAt: input.at, refundReason: input.reason, amountRefundedCents: input.amountRefundedCents ?? sql`${payments.amountCents}` })
    .where(and(eq(payments.id, paymentId), eq(payments.status, "paid")))
    .returning();
  return row ?? null;
}

/**
 * Part of a paid payment went back (Stripe's cumulative `amount_refunded`): the payment stays
 * paid, the amount is mirrored, and a replayed or older event never lowers it.
 */
export async function markPaymentPartlyRefunded(tx: Executor, paymentId: string, input: { chargeId?: string | null; amountRefundedCents: number }): Promise<PaymentRow | null> {
  await fillStripeIds(tx, paymentId, { chargeId: input.chargeId });
  const [row] = await tx
    .update(payments)
    .set({ amountRefundedCents: sql`GREATEST(${payments.amountRefundedCents}, LEAST(${input.amountRefundedCents}, ${payments.amountCents}))` })
    .where(and(eq(payments.id, paymentId), eq(payments.status, "paid")))
    .returning();
  return row ?? null;
}

export async function markPaymentCancelled(tx: Executor, paymentId: string, reason: string): Promise<PaymentRow | null> {
  const [row] = await tx
    .update(payments)
    .set({ status: "cancelled", failureReason: reason })
    .where(and(eq(payments.id, paymentId), eq(payments.status, "pending")))
    .returning();
  return row ?? null;
}

export async function markPaymentFailed(tx: Executor, paymentId: string, reason: string): Promise<PaymentRow | null> {
  const [row] = await tx
    .update(payments)
    .set({ status: "failed", failureReason: reason })
    .where(and(eq(payments.id, paymentId), eq(payments.status, "pending")))
    .returning();
  return row ?? null;
}

/** A renewal invoice (not the first one, which its Checkout session records): one row per invoice. */
export async function recordInvoicePayment(
  tx: Executor,
  input: {
    clubId: string;
    buyerOrgId: string;
    invoiceId: string;
    subscriptionId: string;
    amountCents: number;
    currency: string;
    outcome: "paid" | "failed";
    at: Date;
    failureReason?: string;
    paymentIntentId?: string | null;
    chargeId?: string | null;
  },
): Promise<void> {
  if (input.amountCents <= 0) return;
  await tx
    .insert(payments)
    .values({
      clubId: input.clubId,
      buyerOrgId: input.buyerOrgId,
      purpose: "membership",
      amountCents: input.amountCents,
      currency: input.currency,
      status: input.outcome,
      invoiceId: input.invoiceId,
      paymentIntentId: input.paymentIntentId ?? null,
      chargeId: input.chargeId ?? null,
      stripeSubscriptionId: input.subscriptionId,
      paidAt: input.outcome === "paid" ? input.at : null,
      failureReason: input.failureReason ?? null,
    })
    .onConflictDoUpdate({
      target: payments.invoiceId,
      // A retried invoice can go from failed to paid, never from paid back to failed.
      set: {
        status: sql`CASE WHEN ${payments.status} IN ('paid', 'refunded') THEN ${payments.status} ELSE excluded.status END`,
        paidAt: sql`COALESCE(${payments.paidAt}, excluded.paid_at)`,
        failureReason: sql`CASE WHEN excluded.status = 'paid' THEN NULL ELSE excluded.failure_reason END`,
        paymentIntentId: sql`COALESCE(${payments.paymentIntentId}, excluded.payment_intent_id)`,
        chargeId: sql`COALESCE(${payments.chargeId}, excluded.charge_id)`,
      },
    });
}

export async function paymentById(paymentId: string, executor: Executor = db): Promise<PaymentRow | undefined> {
  const [row] = await executor.select().from(payments).where(eq(payments.id, paymentId));
  return row;
}

const buyer = alias(organisations, "buyer");
const club = alias(organisations, "club");

const listColumns = {
  id: payments.id,
  createdAt: payments.createdAt,
  clubId: payments.clubId,
  clubName: club.name,
  clubSlug: club.slug,
  buyerOrgId: payments.buyerOrgId,
  buyerName: buyer.name,
  purpose: payments.purpose,
  eventId: payments.eventId,
  registrationId: payments.registrationId,
  amountCents: payments.amountCents,
  currency: payments.currency,
  status: payments.status,
  paidAt: payments.paidAt,
  refundedAt: payments.refundedAt,
  amountRefundedCents: payments.amountRefundedCents,
  failureReason: payments.failureReason,
  checkoutSessionId: payments.checkoutSessionId,
  invoiceId: payments.invoiceId,
  paymentIntentId: payments.paymentIntentId,
};

/** Payments of one club (animators), newest first. */
export async function listClubPayments(clubId: string, options: { limit?: number } = {}) {
  return db
    .select(listColumns)
    .from(payments)
    .innerJoin(buyer, eq(buyer.id, payments.buyerOrgId))
    .innerJoin(club, eq(club.id, payments.clubId))
    .where(eq(payments.clubId, clubId))
    .orderBy(desc(payments.createdAt))
    .limit(options.limit ?? 1000);
}

/** Payments of every club (administrators), newest first. */
export async function listAllPayments(options: { limit?: number } = {}) {
  return db
    .select(listColumns)
    .from(payments)
    .innerJoin(buyer, eq(buyer.id, payments.buyerOrgId))
    .innerJoin(club, eq(club.id, payments.clubId))
    .orderBy(desc(payments.createdAt))
    .limit(options.limit ?? 500);
}

/** Sums per status, in cents: what the club collected, what is waiting, what went back. */
/** A partly refunded payment counts as paid for what was kept and as refunded for the rest. */
export function paymentTotals(rows: { status: PaymentStatus; amountCents: number; amountRefundedCents?: number }[]): Record<PaymentStatus, number> {
  const totals: Record<PaymentStatus, number> = { pending: 0, paid: 0, failed: 0, cancelled: 0, refunded: 0 };
  for (const row of rows) {
    const back = row.status === "paid" ? Math.min(row.amountRefundedCents ?? 0, row.amountCents) : 0;
    totals[row.status] += row.amountCents - back;
    totals.refunded += back;
  }
  return totals;
}


/** "1250,00": the decimal comma French spreadsheets expect. */
function centsForCsv(cents: number): string {
  return (cents / 100).toFixed(2).replace(".", ",");
}

function isoDate(value: Date | string | null): string {
  return value ? new Date(value).toISOString() : "";
}

/** The club's payments for a spreadsheet: ";" and a BOM for French Excel, formulas neutralised. */
export function paymentsCsv(rows: Awaited<ReturnType<typeof listClubPayments>>): string {
  return toCsv(
    ["Date", "Club", "Entreprise", "Objet", "Événement", "Montant (€)", "Devise", "Statut", "Payé le", "Remboursé (€)", "Remboursé le", "Motif", "Référence Stripe"],
    rows.map((p) => [
      isoDate(p.createdAt),
      p.clubName,
      p.buyerName,
      paymentPurposeText[p.purpose],
      p.eventId ?? "",
      centsForCsv(p.amountCents),
      p.currency.toUpperCase(),
      paymentStatusText[p.status],
      isoDate(p.paidAt),
      p.amountRefundedCents ? centsForCsv(p.amountRefundedCents) : "",
      isoDate(p.refundedAt),
      p.failureReason ?? "",
      p.invoiceId ?? p.paymentIntentId ?? p.checkoutSessionId ?? "",
    ]),
    { delimiter: ";", bom: true, neutralizeFormulas: true },
  );
}
