import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { buyerCsrReport } from "~/modules/observatory/csr.server";
import { csrCsv } from "~/modules/observatory/csv";
import { csvResponse, requirePeriod } from "~/modules/observatory/edge.server";
import { policies } from "~/lib/policy";

export const policy = policies.buyer;

export async function loader({ request }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  const period = requirePeriod(request);
  const report = await buyerCsrReport({ organisationId: organisation.organisationId, period });
  return csvResponse(csrCsv(organisation.name, report), `achats-responsables-${organisation.slug}-${period.from}-${period.to}.csv`);
}
