import { eq } from "drizzle-orm";
import { db } from "../../../db/connection";
import { suppliers, uploads } from "../../../db/schema";
import { checkImageUpload } from "../uploads/sniff";
import { storeUpload } from "../uploads/uploads.server";
import { auditSupplier } from "./audit.server";
import { supplierChanged } from "./profile.server";
import { DomainError } from "~/lib/errors";

/** Replaces the logo after checking the bytes themselves (not the file name or the browser's type). */
export async function setSupplierLogo(input: { supplierId: string; organisationId: string; actorId: string; bytes: Uint8Array; filename: string | null }) {
  const check = checkImageUpload(input.bytes);
  if (!check.ok) throw new DomainError("invalid", check.message, { field: "logo" });
  await db.transaction(async (tx) => {
    const [current] = await tx.select({ logoId: suppliers.logoId }).from(suppliers).where(eq(suppliers.id, input.supplierId)).for("update");
    const logoId = await storeUpload(tx, { organisationId: input.organisationId, kind: "logo", mime: check.mime, bytes: input.bytes, filename: input.filename });
    await tx.update(suppliers).set({ logoId, updatedAt: new Date() }).where(eq(suppliers.id, input.supplierId));
    if (current?.logoId) await tx.delete(uploads).where(eq(uploads.id, current.logoId));
    await auditSupplier(tx, { supplierId: input.supplierId, actorId: input.actorId, action: "logo_changed" });
    await supplierChanged(tx, input.supplierId);
  });
}
