import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireBuyer } from "~/modules/accounts/guards.server";
import { orResponse } from "~/modules/needs/edge.server";
import { fileResponse, getNeedForBuyer, needFile } from "~/modules/needs/needs.server";
import { policies } from "~/lib/policy";

/** The buyer's need files: its attachments and the quotes suppliers sent. */
export const policy = policies.buyer;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireBuyer(request);
  const { need } = await orResponse(getNeedForBuyer(organisation.organisationId, params.needId ?? ""));
  const file = await needFile(need.id, params.uploadId ?? "", { includeQuotes: true });
  if (!file) throw new Response("Fichier introuvable.", { status: 404 });
  return fileResponse(file);
}
