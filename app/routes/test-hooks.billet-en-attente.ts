import type { ActionFunctionArgs } from "@remix-run/node";
import { requireUser } from "~/modules/accounts/guards.server";
import { e2eHooksEnabled, openTicketCheckoutOffline } from "~/modules/billing/e2e-hooks.server";
import { DomainError } from "~/lib/errors";
import { policies } from "~/lib/policy";

/**
 * Test-only (e2e/billing.spec.ts): the pending ticket payment Checkout would leave, for the
 * signed-in person's registration awaiting payment. A 404 unless PROXIMA_E2E_HOOKS=1 with a
 * Stripe test key: it does not exist in production.
 */
export const policy = policies.signedIn;

export async function action({ request }: ActionFunctionArgs) {
  const user = await requireUser(request);
  if (!e2eHooksEnabled()) throw new Response("Page introuvable.", { status: 404 });
  const form = await request.formData();
  try {
    return Response.json(await openTicketCheckoutOffline({ userId: user.id, eventSlug: String(form.get("event") ?? "") }));
  } catch (error) {
    if (error instanceof DomainError) return Response.json({ error: error.message }, { status: error.status });
    throw error;
  }
}
