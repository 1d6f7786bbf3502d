import { lt, sql } from "drizzle-orm";
import { rows, type Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { rateLimitHits } from "../../../db/schema";

export type RateLimitRule = { name: string; limit: number; windowSeconds: number };

/** Limits on what attackers try in bulk. Counts live in PostgreSQL so every instance shares them. */
export const rateLimits = {
  loginPerIp: { name: "login:ip", limit: 10, windowSeconds: 15 * 60 },
  loginPerEmail: { name: "login:email", limit: 5, windowSeconds: 15 * 60 },
  signupPerIp: { name: "signup:ip", limit: 10, windowSeconds: 60 * 60 },
  resetPerIp: { name: "reset:ip", limit: 10, windowSeconds: 60 * 60 },
  resetPerEmail: { name: "reset:email", limit: 3, windowSeconds: 60 * 60 },
  claimPerIp: { name: "claim:ip", limit: 10, windowSeconds: 60 * 60 },
} satisfies Record<string, RateLimitRule>;

function windowStart(rule: RateLimitRule, now: Date): Date {
  const ms = rule.windowSeconds * 1000;
  return new Date(Math.floor(now.getTime() / ms) * ms);
}

/** Counts one hit; returns whether the caller is now over the limit. */
export async function hit(rule: RateLimitRule, subject: string, now = new Date(), executor: Executor = db): Promise<boolean> {
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const [row] = await rows<{ count: number }>(
    executor,
    sql`INSERT INTO rate_limit_hits (key, window_start, count) VALUES (${key}, ${windowStart(rule, now).toISOString()}, 1)
        ON CONFLICT (key, window_start) DO UPDATE SET count = rate_limit_hits.count + 1
        RETURNING count`,
  );
  return Number(row?.count ?? 0) > rule.limit;
}

/** Whether the subject is already over the limit, without counting a hit. */
export async function isLimited(rule: RateLimitRule, subject: string, now = new Date(), executor: Executor = db): Promise<boolean> {
  const key = `${rule.name}:${subject.toLowerCase()}`;
  const [row] = await rows<{ count: number }>(
    executor,
    sql`SELECT count FROM rate_limit_hits WHERE key = ${key} AND window_start = ${windowStart(rule, now).toISOString()}`,
  );
  return Number(row?.count ?? 0) >= rule.limit;
}

export async function pruneRateLimits(now = new Date()): Promise<void> {
  await db.delete(rateLimitHits).where(lt(rateLimitHits.windowStart, new Date(now.getTime() - 24 * 3600 * 1000)));
}
