import type { LoaderFunctionArgs } from "@remix-run/node";
import { notFound, requireClubAnimator } from "~/modules/accounts/guards.server";
import { rejectedRowsOfUpload } from "~/modules/sourcing/import.server";
import { DomainError } from "~/lib/errors";
import { policies } from "~/lib/policy";

export const policy = policies.clubAnimator;

/** The rejected rows of a file the club uploaded, with the reason in a `motif_rejet` column. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { club } = await requireClubAnimator(request, params.clubSlug);
  try {
    const { filename, csv } = await rejectedRowsOfUpload({ clubId: club.id, uploadId: params.uploadId ?? "" });
    return new Response(csv, {
      headers: {
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${filename}"`,
        "Cache-Control": "private, no-store",
      },
    });
  } catch (error) {
    if (error instanceof DomainError) throw notFound(error.message);
    throw error;
  }
}
