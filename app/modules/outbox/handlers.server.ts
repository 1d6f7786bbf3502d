import { registerFollowUpHandlers } from "../followups/handlers.server";
import { registerNeedsHandlers } from "../needs/handlers.server";
import { registerSupplierIndexSync } from "../suppliers/index-sync.server";

let registered = false;

/** Every domain's outbox handlers, registered once by whichever process runs the worker. */
export function registerOutboxHandlers(): void {
  if (registered) return;
  registered = true;
  registerSupplierIndexSync();
  registerNeedsHandlers();
  registerFollowUpHandlers();
}
