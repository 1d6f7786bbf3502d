import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { exportClubSuppliersCsv, parseClubSupplierQuery } from "~/modules/sourcing/club-suppliers.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;

/** The club's supplier list with the page's filters, for a French spreadsheet. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const { filters } = parseClubSupplierQuery(new URL(request.url).searchParams);
  const csv = await exportClubSuppliersCsv({ clubId: club.id, filters });
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="fournisseurs-${club.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
