import type { LoaderFunctionArgs } from "@remix-run/node";
import { searchNaf } from "~/modules/reference/reference.server";
import { policies } from "~/lib/policy";

export const policy = policies.public;

/** NAF sub-classes by code or words of their label: `?q=8121` or `?q=nettoyage`. */
export async function loader({ request }: LoaderFunctionArgs) {
  const q = new URL(request.url).searchParams.get("q") ?? "";
  return Response.json({ naf: await searchNaf(q) }, { headers: { "Cache-Control": "public, max-age=86400" } });
}
