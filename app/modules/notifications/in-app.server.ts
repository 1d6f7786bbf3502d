// In-app notifications: a small centre any feature can write to (in its own transaction, like
// queueMail), read at /notifications, with the unread count in the navigation.
import { and, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { memberships, notifications } from "../../../db/schema";

export type NotificationInput = {
  kind: string;
  title: string;
  body?: string;
  /** An app path ("/fournisseur/besoins/…"), never an external address. */
  link?: string | null;
};

export type NotificationRow = typeof notifications.$inferSelect;

/** Only app paths: a notification must not send its reader to another site. */
function safeLink(link: string | null | undefined): string | null {
  if (!link) return null;
  return link.startsWith("/") && !link.startsWith("//") ? link : null;
}

/**
 * Records the same notification for each user, in the caller's transaction (if the change rolls
 * back, so do its notifications). Duplicate user ids are notified once.
 */
export async function notifyUsers(tx: Executor, userIds: readonly string[], input: NotificationInput & { now?: Date }): Promise<number> {
  const unique = [...new Set(userIds)];
  if (unique.length === 0) return 0;
  const createdAt = input.now ?? new Date();
  await tx.insert(notifications).values(
    unique.map((userId) => ({ userId, kind: input.kind, title: input.title, body: input.body ?? "", link: safeLink(input.link), createdAt })),
  );
  return unique.length;
}

/** Members of these organisations (every role), for notifying an organisation as a whole. */
export async function membersOf(tx: Executor, organisationIds: readonly string[]): Promise<string[]> {
  if (organisationIds.length === 0) return [];
  const found = await tx
    .selectDistinct({ userId: memberships.userId })
    .from(memberships)
    .where(inArray(memberships.organisationId, [...new Set(organisationIds)]));
  return found.map((r) => r.userId);
}

export async function unreadCount(userId: string, executor: Executor = db): Promise<number> {
  const [row] = await executor
    .select({ n: sql<number>`count(*)::int` })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

/** The user's latest notifications, newest first. */
export async function listNotifications(userId: string, options: { limit?: number; executor?: Executor } = {}): Promise<NotificationRow[]> {
  return (options.executor ?? db)
    .select()
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(options.limit ?? 100);
}

/** Marks one of the user's notifications read; false when it is not theirs (nothing changes). */
export async function markRead(input: { userId: string; id: number; now?: Date; executor?: Executor }): Promise<boolean> {
  const updated = await (input.executor ?? db)
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${(input.now ?? new Date()).toISOString()}::timestamptz)` })
    .where(and(eq(notifications.id, input.id), eq(notifications.userId, input.userId)))
    .returning({ id: notifications.id });
  return updated.length > 0;
}

export async function markAllRead(input: { userId: string; now?: Date; executor?: Executor }): Promise<number> {
  const updated = await (input.executor ?? db)
    .update(notifications)
    .set({ readAt: input.now ?? new Date() })
    .where(and(eq(notifications.userId, input.userId), isNull(notifications.readAt)))
    .returning({ id: notifications.id });
  return updated.length;
}
