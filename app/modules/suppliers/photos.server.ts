import { and, asc, eq, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { supplierPhotos, suppliers, uploads } from "../../../db/schema";
import { checkImageUpload } from "../uploads/sniff";
import { storeUpload } from "../uploads/uploads.server";
import { auditSupplier } from "./audit.server";
import { MAX_SUPPLIER_PHOTOS, PhotoCaptionSchema } from "./photo-schema";
import { DomainError } from "~/lib/errors";

export type SupplierPhoto = { id: string; caption: string };

export async function listSupplierPhotos(supplierId: string, executor: Executor = db): Promise<SupplierPhoto[]> {
  const rows = await executor
    .select({ id: supplierPhotos.uploadId, caption: supplierPhotos.caption })
    .from(supplierPhotos)
    .where(eq(supplierPhotos.supplierId, supplierId))
    .orderBy(asc(supplierPhotos.position), asc(supplierPhotos.uploadId));
  return rows.map((r) => ({ id: r.id, caption: r.caption ?? "" }));
}

/** Adds a photo after checking its bytes (not its name or the browser's type); 6 at most per supplier. */
export async function addSupplierPhoto(input: {
  supplierId: string;
  organisationId: string;
  actorId: string;
  bytes: Uint8Array;
  filename: string | null;
  caption: string;
}): Promise<SupplierPhoto> {
  const parsed = PhotoCaptionSchema.safeParse({ caption: input.caption });
  if (!parsed.success) throw new DomainError("invalid", parsed.error.issues[0]?.message ?? "Description invalide.", { field: "caption" });
  const { caption } = parsed.data;
  const check = checkImageUpload(input.bytes, { what: "photo" });
  if (!check.ok) throw new DomainError("invalid", check.message, { field: "photo" });
  return db.transaction(async (tx) => {
    // The supplier row is the lock that keeps two concurrent uploads from passing the limit together.
    const [owner] = await tx.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.id, input.supplierId)).for("update");
    if (!owner) throw new DomainError("not_found", "Cette fiche n'existe pas.");
    const [current] = await tx
      .select({ n: sql<number>`count(*)::int`, last: sql<number>`coalesce(max(${supplierPhotos.position}), -1)::int` })
      .from(supplierPhotos)
      .where(eq(supplierPhotos.supplierId, input.supplierId));
    if ((current?.n ?? 0) >= MAX_SUPPLIER_PHOTOS) {
      throw new DomainError("invalid", `Vous avez déjà ${MAX_SUPPLIER_PHOTOS} photos : retirez-en une avant d'en ajouter une autre.`, { field: "photo" });
    }
    const uploadId = await storeUpload(tx, { organisationId: input.organisationId, kind: "photo", mime: check.mime, bytes: input.bytes, filename: input.filename });
    await tx.insert(supplierPhotos).values({ supplierId: input.supplierId, uploadId, caption, position: (current?.last ?? -1) + 1 });
    await auditSupplier(tx, { supplierId: input.supplierId, actorId: input.actorId, action: "photo_added", details: { uploadId } });
    return { id: uploadId, caption };
  });
}

/** Removes one of this supplier's photos; another supplier's photo is "not found", never deleted. */
export async function removeSupplierPhoto(input: { supplierId: string; photoId: string; actorId: string }): Promise<void> {
  await db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(supplierPhotos)
      .where(and(eq(supplierPhotos.supplierId, input.supplierId), eq(supplierPhotos.uploadId, input.photoId)))
      .returning({ uploadId: supplierPhotos.uploadId });
    if (!gone) throw new DomainError("not_found", "Cette photo n'existe pas ou a déjà été retirée.");
    await tx.delete(uploads).where(and(eq(uploads.id, gone.uploadId), eq(uploads.kind, "photo")));
    await auditSupplier(tx, { supplierId: input.supplierId, actorId: input.actorId, action: "photo_removed", details: { uploadId: gone.uploadId } });
  });
}
