import type { LoaderFunctionArgs } from "@remix-run/node";
import { getUpload } from "~/modules/uploads/uploads.server";
import { policies } from "~/lib/policy";

/** Public: logos and photos are public profile content; other kinds are never served here. */
export const policy = policies.public;

const publicKinds = new Set(["logo", "photo"]);

export async function loader({ params, request }: LoaderFunctionArgs) {
  const upload = await getUpload(params.uploadId ?? "");
  if (!upload || !publicKinds.has(upload.kind)) throw new Response("Fichier introuvable.", { status: 404 });
  const etag = `"${upload.sha256}"`;
  // An upload never changes (a new logo is a new id), so caches may keep it for a year.
  const headers = {
    "Content-Type": upload.mime,
    "Cache-Control": "public, max-age=31536000, immutable",
    ETag: etag,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'",
  };
  if (request.headers.get("If-None-Match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(upload.bytes), { headers: { ...headers, "Content-Length": String(upload.size) } });
}
