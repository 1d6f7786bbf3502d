import type { LoaderFunctionArgs } from "@remix-run/node";
import { communeLabel, qpvsOfCommune, searchCommunes } from "~/modules/reference/reference.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;

/** Commune autocomplete for forms: `?q=montreuil` or `?q=93100`; `?qpv=1` adds each commune's QPV. */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const found = await searchCommunes(url.searchParams.get("q") ?? "", 10);
  const withQpv = url.searchParams.get("qpv") === "1";
  const communes = await Promise.all(
    found.map(async (c) => ({ ...c, label: communeLabel(c), ...(withQpv ? { qpvs: await qpvsOfCommune(c.insee) } : {}) })),
  );
  return Response.json({ communes }, { headers: { "Cache-Control": "public, max-age=3600" } });
}
