import { unstable_createMemoryUploadHandler, unstable_parseMultipartFormData } from "@remix-run/node";
import { MAX_IMAGE_BYTES } from "./sniff";
import { DomainError } from "~/lib/errors";

/**
 * Reads a multipart form holding one image file (≤ 1 Mo, parsed in memory) and its text fields.
 * A missing file or an oversized part is a French DomainError on that field, never a 500.
 */
export async function readImageForm(
  request: Request,
  field: string,
  messages: { missing: string; tooLarge: string },
): Promise<{ bytes: Uint8Array; filename: string | null; form: FormData }> {
  let form: FormData;
  try {
    form = await unstable_parseMultipartFormData(request, unstable_createMemoryUploadHandler({ maxPartSize: MAX_IMAGE_BYTES }));
  } catch {
    throw new DomainError("invalid", messages.tooLarge, { field });
  }
  const file = form.get(field);
  if (!(file instanceof Blob) || file.size === 0) throw new DomainError("invalid", messages.missing, { field });
  return { bytes: new Uint8Array(await file.arrayBuffer()), filename: (file as File).name ?? null, form };
}
