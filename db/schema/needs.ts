import { bigint, boolean, date, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { clubs, organisations } from "./organisations";
import { communes } from "./reference";
import { suppliers, uploads } from "./suppliers";

export const needStatus = pgEnum("need_status", ["draft", "submitted", "published", "closed", "awarded", "not_awarded", "cancelled", "rejected"]);
export const needPerimeterKind = pgEnum("need_perimeter_kind", ["radius", "epci", "departments", "national"]);
export const needBudgetBand = pgEnum("need_budget_band", ["lt5k", "5k-25k", "25k-90k", "90k-215k", "gt215k"]);
export const needRecurrence = pgEnum("need_recurrence", ["one_off", "recurring"]);
export const needCsrIntent = pgEnum("need_csr_intent", ["direct_purchase", "subcontracting", "reserved_lot", "social_clause"]);

/** A PAQTE purchasing need posted by a buyer organisation in a club. */
export const needs = pgTable(
  "needs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    buyerOrganisationId: uuid("buyer_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "restrict" }),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    status: needStatus("status").notNull().default("draft"),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    categories: text("categories").array().notNull().default([]),
    communeInsee: text("commune_insee").references(() => communes.insee),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    perimeterKind: needPerimeterKind("perimeter_kind").notNull().default("radius"),
    radiusKm: integer("radius_km"),
    departments: text("departments").array().notNull().default([]),
    budgetBand: needBudgetBand("budget_band"),
    amountCents: bigint("amount_cents", { mode: "number" }),
    responseDeadline: date("response_deadline", { mode: "string" }),
    startDate: date("start_date", { mode: "string" }),
    recurrence: needRecurrence("recurrence").notNull().default("one_off"),
    requiredLabels: text("required_labels").array().notNull().default([]),
    insuranceRequired: boolean("insurance_required").notNull().default(false),
    referencesRequired: boolean("references_required").notNull().default(false),
    requirementsNote: text("requirements_note"),
    csrIntent: needCsrIntent("csr_intent"),
    /** The OR-tsquery (french, unaccented words) built from title + description, for ts_rank. */
    textQuery: text("text_query").notNull().default(""),
    submittedAt: timestamp("submitted_at", { withTimezone: true }),
    publishedAt: timestamp("published_at", { withTimezone: true }),
    closedAt: timestamp("closed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("needs_buyer_idx").on(t.buyerOrganisationId, t.createdAt),
    index("needs_club_status_idx").on(t.clubId, t.status),
    index("needs_status_idx").on(t.status, t.publishedAt),
    index("needs_categories_idx").using("gin", t.categories),
  ],
);

/** Every status change of a need: who, when, from → to, and the message (changes asked, refusal). */
export const needEvents = pgTable(
  "need_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    fromStatus: needStatus("from_status"),
    toStatus: needStatus("to_status").notNull(),
    action: text("action").notNull(),
    message: text("message"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("need_events_need_idx").on(t.needId, t.createdAt)],
);

export const needQuestions = pgTable(
  "need_questions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    text: text("text").notNull(),
  },
  (t) => [index("need_questions_need_idx").on(t.needId, t.position)],
);

export const needAttachments = pgTable(
  "need_attachments",
  {
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.needId, t.uploadId] })],
);

/**
 * Each batch of matched suppliers notified for a need: the first at publication, the next ones
 * sent by the buyer or the club's animator (who, when, how many).
 */
export const needBatches = pgTable(
  "need_batches",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    /** 1 for the batch sent at publication, then 2, 3… */
    position: integer("position").notNull(),
    sentBy: text("sent_by").references(() => users.id, { onDelete: "set null" }),
    size: integer("size").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("need_batches_need_position_idx").on(t.needId, t.position)],
);

/** One row per (need, supplier) reached or answering: the score then every step, with its date. */
export const needSuppliers = pgTable(
  "need_suppliers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    /** Null for a supplier who found the need by itself (not matched at publication). */
    score: integer("score"),
    reasons: jsonb("reasons").$type<string[]>().notNull().default([]),
    matched: boolean("matched").notNull().default(false),
    notifiedAt: timestamp("notified_at", { withTimezone: true }),
    viewedAt: timestamp("viewed_at", { withTimezone: true }),
    interestedAt: timestamp("interested_at", { withTimezone: true }),
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    declineReason: text("decline_reason"),
    shortlistedAt: timestamp("shortlisted_at", { withTimezone: true }),
    selectedAt: timestamp("selected_at", { withTimezone: true }),
    selectedAmountCents: bigint("selected_amount_cents", { mode: "number" }),
    remindersSent: integer("reminders_sent").notNull().default(0),
    lastRemindedAt: timestamp("last_reminded_at", { withTimezone: true }),
    /** The batch that notified the supplier (null when it found the need by itself). */
    batchId: uuid("batch_id").references(() => needBatches.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("need_suppliers_need_supplier_idx").on(t.needId, t.supplierId), index("need_suppliers_supplier_idx").on(t.supplierId)],
);

export const needAnswers = pgTable(
  "need_answers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull(),
    /** [{ questionId, question, answer }] */
    answers: jsonb("answers").$type<{ questionId: string; question: string; answer: string }[]>().notNull().default([]),
    quoteAmountCents: bigint("quote_amount_cents", { mode: "number" }),
    quoteUploadId: uuid("quote_upload_id").references(() => uploads.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("need_answers_need_supplier_idx").on(t.needId, t.supplierId)],
);

/** A club's rules for needs: animator approval before publication, how many suppliers to notify. */
export const clubNeedSettings = pgTable("club_need_settings", {
  clubId: uuid("club_id")
    .primaryKey()
    .references(() => clubs.organisationId, { onDelete: "cascade" }),
  approvalRequired: boolean("approval_required").notNull().default(true),
  notifyBatchSize: integer("notify_batch_size").notNull().default(20),
  updatedBy: text("updated_by").references(() => users.id, { onDelete: "set null" }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** Needs waiting to be mailed to a supplier: the first of the day goes at once, the others in a digest. */
export const needDigestEntries = pgTable(
  "need_digest_entries",
  {
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    needId: uuid("need_id")
      .notNull()
      .references(() => needs.id, { onDelete: "cascade" }),
    /** Europe/Paris calendar day of the match. */
    day: date("day", { mode: "string" }).notNull(),
    sentAt: timestamp("sent_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.needId] }), index("need_digest_entries_day_idx").on(t.supplierId, t.day)],
);

/** Addresses that asked not to receive a kind of mail ("needs" = matched needs and digests). */
export const mailUnsubscribes = pgTable(
  "mail_unsubscribes",
  {
    email: text("email").notNull(),
    kind: text("kind").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.email, t.kind] })],
);
