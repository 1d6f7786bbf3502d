import { sql } from "drizzle-orm";
import { index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { opportunities } from "./opportunities";

export const surveySide = pgEnum("survey_side", ["buyer", "supplier"]);
export const surveyAnswer = pgEnum("survey_answer", ["yes", "not_yet", "no"]);

/**
 * The follow-up surveys of an opportunity ("Cela a-t-il débouché sur une affaire ?"), 30, 90 and
 * 180 days after its touchpoint, one per recipient and offset. The due date lives here, written
 * when the touchpoint is handled; a periodic job sends what is due. Only the token's hash is kept.
 */
export const surveyRequests = pgTable(
  "survey_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    side: surveySide("side").notNull(),
    recipientEmail: text("recipient_email").notNull(),
    /** The member it was sent to; null for the contact address of an unclaimed supplier. */
    recipientUserId: text("recipient_user_id").references(() => users.id, { onDelete: "set null" }),
    touchpoint: text("touchpoint").notNull(),
    offsetDays: integer("offset_days").notNull(),
    dueAt: timestamp("due_at", { withTimezone: true }).notNull(),
    tokenHash: text("token_hash"),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    expiresAt: timestamp("expires_at", { withTimezone: true }),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
    answer: surveyAnswer("answer"),
    /** Not sent: the opportunity was closed (won, lost, abandoned) before it was due. */
    skippedAt: timestamp("skipped_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("survey_requests_recipient_offset_idx").on(t.opportunityId, t.recipientEmail, t.offsetDays),
    uniqueIndex("survey_requests_token_idx").on(t.tokenHash),
    index("survey_requests_due_idx").on(t.dueAt).where(sql`${t.sentAt} IS NULL AND ${t.skippedAt} IS NULL`),
  ],
);

/**
 * Reminders and digests already mailed (kind + subject: a need, a club), so that a job run twice
 * or a daily job does not mail more often than its rule ("at most once a week per need").
 */
export const followUpNotices = pgTable(
  "follow_up_notices",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: text("kind").notNull(),
    subjectId: uuid("subject_id").notNull(),
    recipients: integer("recipients").notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("follow_up_notices_subject_idx").on(t.kind, t.subjectId, t.sentAt)],
);
