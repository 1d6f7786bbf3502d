import type { Executor } from "../../../db/client";
import { registerOutboxHandler } from "../outbox/outbox.server";
import { DIGEST_OUTBOX_KIND, sendNeedDigest } from "./notifications.server";

/**
 * The needs domain's outbox handlers: the morning digest of a supplier's other needs of the day.
 * Called from app/modules/outbox/handlers.server.ts.
 */
export function registerNeedsHandlers(): void {
  registerOutboxHandler(DIGEST_OUTBOX_KIND, async (payload, tx?: Executor) => {
    const input = { supplierId: String(payload.supplierId), day: String(payload.day) };
    if (tx) {
      await sendNeedDigest(tx, input);
      return;
    }
    const { db } = await import("../../../db/connection");
    await db.transaction((own) => sendNeedDigest(own, input).then(() => undefined));
  });
}
