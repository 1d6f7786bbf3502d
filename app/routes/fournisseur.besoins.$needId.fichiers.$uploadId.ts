import type { LoaderFunctionArgs } from "@remix-run/node";
import { requireSupplier } from "~/modules/accounts/guards.server";
import { needForSupplier } from "~/modules/needs/answers.server";
import { orResponse } from "~/modules/needs/edge.server";
import { fileResponse, needFile } from "~/modules/needs/needs.server";
import { supplierOfOrganisation } from "~/modules/suppliers/profile.server";
import { policies } from "~/lib/policy";

/** A need's attachments, for suppliers who may see the need (never the other suppliers' quotes). */
export const policy = policies.supplier;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { organisation } = await requireSupplier(request);
  const supplier = await supplierOfOrganisation(organisation.organisationId);
  if (!supplier) throw new Response("Fichier introuvable.", { status: 404 });
  const { need } = await orResponse(needForSupplier({ supplierId: supplier.id, needId: params.needId ?? "", markViewed: false }));
  const file = await needFile(need.id, params.uploadId ?? "", { includeQuotes: false });
  if (!file) throw new Response("Fichier introuvable.", { status: 404 });
  return fileResponse(file);
}
