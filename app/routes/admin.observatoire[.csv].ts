import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireAdmin } from "~/modules/accounts/guards.server";
import { figuresCsv } from "~/modules/observatory/csv";
import { csvResponse, requirePeriod } from "~/modules/observatory/edge.server";
import { computeFigures } from "~/modules/observatory/figures.server";
import { parseTerritory, territoryScope } from "~/modules/observatory/territory.server";
import { policies } from "~/lib/policy";

export const policy = policies.admin;

export async function loader({ request }: LoaderFunctionArgs) {
  await requireAdmin(request);
  const period = requirePeriod(request);
  const territory = await parseTerritory(new URL(request.url).searchParams);
  if (!territory.ok) throw new Response(`Territoire invalide : ${territory.errors.join(" ")}`, { status: 400, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  const figures = await computeFigures({ scope: territoryScope(territory.filter), period });
  const slug = [territory.filter.epciSiren, territory.filter.departmentCode, territory.filter.qpvCode].filter(Boolean).join("-") || "plateforme";
  return csvResponse(figuresCsv(territory.label, figures), `observatoire-${slug}-${period.from}-${period.to}.csv`);
}
