import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails } from "../../../db/schema";
import { deliverPendingMails, queueMail } from "./mailer.server";

describe("mail outbox", () => {
  it("writes the mail with the change that causes it, or not at all", async () => {
    await db
      .transaction(async (tx) => {
        await queueMail(tx, { to: "annule@example.org", subject: "s", text: "t", kind: "test" });
        throw new Error("the change failed");
      })
      .catch(() => undefined);
    expect(await db.select().from(mails).where(eq(mails.to, "annule@example.org"))).toHaveLength(0);
  });

  it("keeps mails in the outbox for /admin/mails when no SMTP server is configured", async () => {
    await db.transaction((tx) => queueMail(tx, { to: "Garde@Example.org", subject: "Bonjour", text: "Lien : http://localhost/x", kind: "test" }));
    expect(await deliverPendingMails()).toBeGreaterThanOrEqual(1);
    const [mail] = await db.select().from(mails).where(eq(mails.to, "garde@example.org"));
    expect(mail?.status).toBe("kept");
  });
});
