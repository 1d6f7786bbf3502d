import { and, eq, gt, isNull } from "drizzle-orm";
import { createHash, randomBytes, randomUUID } from "node:crypto";
import type { Executor } from "../../../db/client";
import { emailTokens } from "../../../db/schema";

export type EmailTokenKind = "verify_email" | "reset_password" | "change_email";

export const tokenLifetimeMinutes: Record<EmailTokenKind, number> = {
  verify_email: 48 * 60,
  reset_password: 60,
  change_email: 24 * 60,
};

export function newToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, hash: hashToken(token) };
}

/** Only hashes are stored: a leaked database does not leak usable links. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

export async function createEmailToken(
  tx: Executor,
  input: { userId: string; kind: EmailTokenKind; newEmail?: string; now: Date },
): Promise<string> {
  const { token, hash } = newToken();
  await tx.insert(emailTokens).values({
    id: randomUUID(),
    userId: input.userId,
    kind: input.kind,
    tokenHash: hash,
    newEmail: input.newEmail ?? null,
    expiresAt: new Date(input.now.getTime() + tokenLifetimeMinutes[input.kind] * 60_000),
  });
  return token;
}

/** Marks the token used and returns it, in one statement: two clicks cannot both succeed. */
export async function consumeEmailToken(tx: Executor, input: { token: string; kind: EmailTokenKind; now: Date }) {
  const [row] = await tx
    .update(emailTokens)
    .set({ usedAt: input.now })
    .where(
      and(
        eq(emailTokens.tokenHash, hashToken(input.token)),
        eq(emailTokens.kind, input.kind),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, input.now),
      ),
    )
    .returning();
  return row;
}
