import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { needSuppliersCsv } from "~/modules/needs/csv.server";
import { orResponse } from "~/modules/needs/edge.server";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;

/** Every supplier reached or answering, with the dates of each step and the answers (CSV, ;). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  const csv = await orResponse(needSuppliersCsv(organisation.organisationId, params.needId ?? ""));
  return new Response(csv, {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="besoin-${params.needId}-reponses.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
