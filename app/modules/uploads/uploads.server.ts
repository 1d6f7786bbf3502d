import { eq } from "drizzle-orm";
import { createHash } from "node:crypto";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { uploads } from "../../../db/schema";

/** Stores bytes already checked by content (see sniff.ts). Returns the upload id. */
export async function storeUpload(
  tx: Executor,
  input: { organisationId: string | null; kind: string; mime: string; bytes: Uint8Array; filename?: string | null },
): Promise<string> {
  const [row] = await tx
    .insert(uploads)
    .values({
      organisationId: input.organisationId,
      kind: input.kind,
      mime: input.mime,
      size: input.bytes.byteLength,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      filename: input.filename ?? null,
      bytes: Buffer.from(input.bytes),
    })
    .returning({ id: uploads.id });
  return row!.id;
}

export async function getUpload(id: string) {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return undefined;
  const [row] = await db.select().from(uploads).where(eq(uploads.id, id));
  return row;
}
