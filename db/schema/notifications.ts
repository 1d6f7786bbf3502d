import { sql } from "drizzle-orm";
import { bigserial, index, pgTable, text, timestamp } from "drizzle-orm/pg-core";
import { users } from "./accounts";

/**
 * In-app notifications ("Notifications" in the navigation): one row per user, written by
 * `notifyUsers(tx, …)` in the transaction of the change that causes it. `kind` names the
 * feature ("need.matched", "need.answered", "need.deadline"…); `link` is an app path.
 */
export const notifications = pgTable(
  "notifications",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    title: text("title").notNull(),
    body: text("body").notNull().default(""),
    link: text("link"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    readAt: timestamp("read_at", { withTimezone: true }),
  },
  (t) => [
    index("notifications_user_idx").on(t.userId, t.createdAt),
    // The unread count in the navigation, on every page view.
    index("notifications_unread_idx").on(t.userId).where(sql`read_at IS NULL`),
  ],
);
