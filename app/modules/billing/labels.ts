import type { BadgeTone } from "~/components/Badge";
import { formatEuros } from "~/lib/format";

/** Shared by the billing pages (client-safe: no server import). */

export type MembershipStateName = "none" | "free" | "active" | "expired" | "past_due" | "cancelled";

export const membershipStateLabel: Record<MembershipStateName, string> = {
  none: "non adhérente",
  free: "adhésion offerte",
  active: "adhérente",
  expired: "adhésion expirée",
  past_due: "paiement en retard",
  cancelled: "adhésion résiliée",
};

export const membershipStateTone: Record<MembershipStateName, BadgeTone> = {
  none: "neutral",
  free: "success",
  active: "success",
  expired: "warning",
  past_due: "danger",
  cancelled: "neutral",
};

export type PaymentStatusName = "pending" | "paid" | "failed" | "cancelled" | "refunded";
export const paymentStatusTone: Record<PaymentStatusName, BadgeTone> = { pending: "info", paid: "success", failed: "danger", cancelled: "neutral", refunded: "warning" };
export const paymentStatusText: Record<PaymentStatusName, string> = { pending: "en attente", paid: "payé", failed: "échoué", cancelled: "abandonné", refunded: "remboursé" };
export const paymentPurposeText = { membership: "Adhésion annuelle", ticket: "Billet d'événement" } as const;

/** 1 200 € or 49,90 €: cents shown in euros, decimals only when there are some. */
export function formatCents(cents: number | null | undefined): string {
  if (cents === null || cents === undefined) return "";
  return formatEuros(cents / 100, cents % 100 === 0 ? 0 : 2);
}

/** The price as typed back into a form: 120050 → "1200,50". */
export function centsToInput(cents: number | null): string {
  if (cents === null) return "";
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace(".", ",");
}
