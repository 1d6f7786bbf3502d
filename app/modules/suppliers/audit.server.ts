import type { Executor } from "../../../db/client";
import { supplierAuditLog } from "../../../db/schema";

export type SupplierAuditAction =
  | "created"
  | "updated"
  | "qpv_declared"
  | "qpv_verified"
  | "qpv_rejected"
  | "logo_changed"
  | "photo_added"
  | "photo_removed"
  | "imported"
  | "import_updated"
  | "claim_invited"
  | "claimed";

export async function auditSupplier(tx: Executor, input: { supplierId: string; actorId: string | null; action: SupplierAuditAction; details?: Record<string, unknown> }) {
  await tx.insert(supplierAuditLog).values({ supplierId: input.supplierId, actorId: input.actorId, action: input.action, details: input.details ?? {} });
}
