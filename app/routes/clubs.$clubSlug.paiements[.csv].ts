import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { listClubPayments, paymentsCsv } from "~/modules/billing/payments.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const csv = paymentsCsv(await listClubPayments(club.id, { limit: 100_000 }));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="paiements-${club.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
