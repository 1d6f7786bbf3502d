import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireClubAnimator } from "~/modules/accounts/guards.server";
import { followUpCsv, followUpSessionView } from "~/modules/opportunities/follow-up.server";
import { DomainError } from "~/lib/errors";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;

/** The session's list, one line per participant and opportunity. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  try {
    const view = await followUpSessionView({ clubId: club.id, sessionId: params.sessionId ?? "" });
    return new Response(followUpCsv(view), {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="suivi-${club.slug}-${view.session.heldAt.toISOString().slice(0, 10)}.csv"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError && error.code === "not_found") throw notFound(error.message);
    throw error;
  }
}
