import { z } from "zod";
import { DomainError } from "~/lib/errors";

// The same rules as app/env.server.ts, read from process.env on every call: env() caches, and
// tests (or an operator rotating keys) must be able to change these without a restart.
const BillingEnvSchema = z.object({
  STRIPE_SECRET_KEY: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || v.startsWith("sk_"), { message: "doit commencer par sk_" }),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || v.startsWith("whsec_"), { message: "doit commencer par whsec_" }),
});

export type BillingConfig = { secretKey?: string; webhookSecret?: string };

export function billingConfig(source: Record<string, string | undefined> = process.env): BillingConfig {
  const result = BillingEnvSchema.safeParse({ STRIPE_SECRET_KEY: source.STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET: source.STRIPE_WEBHOOK_SECRET });
  if (!result.success) {
    const lines = result.error.issues.map((i) => `${String(i.path[0])} ${i.message}`);
    throw new Error(`Configuration Stripe invalide : ${lines.join(", ")}`);
  }
  return { secretKey: result.data.STRIPE_SECRET_KEY, webhookSecret: result.data.STRIPE_WEBHOOK_SECRET };
}

/** Without a Stripe secret key the platform is free: no price shown, nothing blocked. */
export function billingEnabled(): boolean {
  return Boolean(billingConfig().secretKey);
}

export function requireBillingEnabled(): void {
  if (!billingEnabled()) throw new DomainError("invalid", "Les paiements ne sont pas activés sur cette plateforme : tout y est gratuit.");
}

/** The currency of every price on the platform. */
export const currency = "eur";
