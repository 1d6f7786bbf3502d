import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireClubAnimator } from "~/modules/accounts/guards.server";
import { figuresCsv } from "~/modules/observatory/csv";
import { csvResponse, requirePeriod } from "~/modules/observatory/edge.server";
import { computeFigures } from "~/modules/observatory/figures.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  const period = requirePeriod(request);
  const figures = await computeFigures({ scope: { kind: "club", clubId: club.id }, period });
  return csvResponse(figuresCsv(club.name, figures), `observatoire-${club.slug}-${period.from}-${period.to}.csv`);
}
