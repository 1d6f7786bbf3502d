import type { LoaderFunctionArgs } from "@remix-run/node";
import { directory } from "~/modules/suppliers/directory.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;

/**
 * Open data: the directory's results and facets as JSON, for EPCI observatories and partners.
 * `commune` with `rayon_km` is the centre of a radius search; without it, a commune filter.
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const params = new URL(request.url).searchParams;
  if (params.has("rayon_km") && params.has("commune") && !params.has("pres_de")) {
    params.set("pres_de", params.get("commune")!);
    params.delete("commune");
  }
  const { result, state, nearLabel } = await directory(params);
  return Response.json(
    {
      total: result.total,
      page: result.page,
      par_page: result.perPage,
      pages: result.pages,
      requete: { q: state.q, tri: state.sort, pres_de: state.near ? { ...state.near, commune: nearLabel } : null, filtres: state.filters },
      resultats: result.hits.map((h) => ({
        siret: h.document.siret,
        nom: h.document.name,
        raison_sociale: h.document.legalName,
        url: new URL(`/fournisseurs/${h.document.slug}`, request.url).toString(),
        categories: h.document.categories,
        naf: h.document.nafCode,
        labels: h.document.labels,
        commune: h.document.communeName,
        code_insee: h.document.communeInsee,
        departement: h.document.departmentCode,
        epci: h.document.epciSiren,
        qpv: h.document.qpvCode ? { code: h.document.qpvCode, nom: h.document.qpvName, statut: h.document.qpvStatus } : null,
        distance_km: h.distanceKm,
      })),
      facettes: result.facets,
    },
    { headers: { "Cache-Control": "public, max-age=60", "Access-Control-Allow-Origin": "*" } },
  );
}
