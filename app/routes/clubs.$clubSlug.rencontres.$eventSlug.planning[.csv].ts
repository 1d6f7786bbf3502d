import type { LoaderFunctionArgs } from "@remix-run/node";
import { gridCsv } from "~/modules/events/csv.server";
import { requireClubEvent } from "~/modules/events/route-context.server";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { event } = await requireClubEvent(request, params);
  return new Response(await gridCsv(event.id), {
    headers: {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="planning-${event.slug}.csv"`,
      "Cache-Control": "private, no-store",
    },
  });
}
