import { and, asc, eq, inArray, sql } from "drizzle-orm";
import nodemailer, { type Transporter } from "nodemailer";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { mails } from "../../../db/schema";
import { env } from "~/env.server";

export type MailInput = { to: string; subject: string; text: string; html?: string; kind: string };

/**
 * Records a mail in the caller's transaction: if the change rolls back, so does the mail, and
 * once it commits the worker will deliver it even if the process dies right after.
 */
export async function queueMail(tx: Executor, mail: MailInput): Promise<number> {
  const [row] = await tx
    .insert(mails)
    .values({ to: mail.to.toLowerCase(), subject: mail.subject, text: mail.text, html: mail.html ?? null, kind: mail.kind })
    .returning({ id: mails.id });
  return row!.id;
}

let transporter: Transporter | undefined;
function smtp(): Transporter | undefined {
  const url = env().SMTP_URL;
  if (!url) return undefined;
  transporter ??= nodemailer.createTransport(url);
  return transporter;
}

const maxAttempts = 5;

/**
 * Sends what is pending through SMTP, or, without SMTP, marks it "kept": the outbox at
 * /admin/mails is then the delivery. Rows are claimed with SKIP LOCKED so workers never send twice.
 */
export async function deliverPendingMails(limit = 20): Promise<number> {
  const transport = smtp();
  if (!transport) {
    const kept = await db.update(mails).set({ status: "kept" }).where(eq(mails.status, "pending")).returning({ id: mails.id });
    return kept.length;
  }
  return db.transaction(async (tx) => {
    const batch = await tx
      .select()
      .from(mails)
      .where(eq(mails.status, "pending"))
      .orderBy(asc(mails.id))
      .limit(limit)
      .for("update", { skipLocked: true });
    for (const mail of batch) {
      try {
        await transport.sendMail({ from: env().MAIL_FROM, to: mail.to, subject: mail.subject, text: mail.text, html: mail.html ?? undefined });
        await tx.update(mails).set({ status: "sent", sentAt: new Date(), attempts: mail.attempts + 1 }).where(eq(mails.id, mail.id));
      } catch (error) {
        const attempts = mail.attempts + 1;
        await tx
          .update(mails)
          .set({ attempts, lastError: String(error), status: attempts >= maxAttempts ? "failed" : "pending" })
          .where(eq(mails.id, mail.id));
      }
    }
    return batch.length;
  });
}

export async function listMails(options: { to?: string; limit?: number } = {}) {
  return db
    .select()
    .from(mails)
    .where(options.to ? eq(mails.to, options.to.toLowerCase()) : undefined)
    .orderBy(sql`${mails.id} DESC`)
    .limit(options.limit ?? 100);
}

export async function getMail(id: number) {
  const [mail] = await db.select().from(mails).where(eq(mails.id, id));
  return mail;
}

export async function mailsByIds(ids: number[]) {
  return ids.length ? db.select().from(mails).where(and(inArray(mails.id, ids))) : [];
}
