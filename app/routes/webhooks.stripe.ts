import type { ActionFunctionArgs } from "@remix-run/node";
import { handleStripeWebhook } from "~/modules/billing/webhook.server";
import { registerEventTicketHandlers } from "~/modules/events/tickets.server";
import { DomainError } from "~/lib/errors";
import { policies } from "~/lib/policy";

/** Public: Stripe's signature over the raw body is the authentication (checked by the service). */
export const policy = policies.public;

export async function action({ request }: ActionFunctionArgs) {
  // Plain Responses: a resource route's `data()` is sent with status 200 whatever its init says,
  // and Stripe must see a 400 for a bad signature (and a 5xx to retry).
  if (request.method !== "POST") return Response.json({ error: "Méthode non autorisée." }, { status: 405, headers: { Allow: "POST" } });
  // The raw text, byte for byte: the signature is computed over it, not over parsed JSON.
  const rawBody = await request.text();
  // A paid or refunded ticket confirms or ends its registration in the webhook's transaction.
  registerEventTicketHandlers();
  try {
    const result = await handleStripeWebhook(rawBody, request.headers.get("stripe-signature"));
    return Response.json({ received: true, outcome: result.outcome });
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: error.status });
    throw error; // a 500: Stripe retries, and the transaction left nothing half-written
  }
}
