import { sql } from "drizzle-orm";
import { bigint, boolean, date, index, integer, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { events } from "./events";
import { needs } from "./needs";
import { clubs, organisations } from "./organisations";
import { suppliers } from "./suppliers";

export const opportunityStage = pgEnum("opportunity_stage", ["contact", "meeting_held", "quote_sent", "won", "lost", "abandoned"]);
export const opportunityOrigin = pgEnum("opportunity_origin", ["need", "event", "directory"]);
export const opportunityEventKind = pgEnum("opportunity_event_kind", ["created", "stage", "note", "contract"]);

/**
 * One buyer–supplier business contact and what became of it. At most one per (buyer, supplier,
 * need), per (buyer, supplier, event), and one per pair for contacts made from the directory.
 */
export const opportunities = pgTable(
  "opportunities",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    buyerOrganisationId: uuid("buyer_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    /** The club where the contact arose (the need's or the event's), for the animator's follow-up. */
    clubId: uuid("club_id").references(() => clubs.organisationId, { onDelete: "set null" }),
    origin: opportunityOrigin("origin").notNull(),
    needId: uuid("need_id").references(() => needs.id, { onDelete: "set null" }),
    eventId: uuid("event_id").references(() => events.id, { onDelete: "set null" }),
    stage: opportunityStage("stage").notNull().default("contact"),
    contractSignedOn: date("contract_signed_on", { mode: "string" }),
    /** Contract amount excluding VAT, in cents. */
    contractAmountCents: bigint("contract_amount_cents", { mode: "number" }),
    contractDurationMonths: integer("contract_duration_months"),
    contractRecurring: boolean("contract_recurring"),
    lostReason: text("lost_reason"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    /** Last change of any kind (stage, note, contract): "without news since". */
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    stageChangedAt: timestamp("stage_changed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("opportunities_need_pair_idx").on(t.buyerOrganisationId, t.supplierId, t.needId).where(sql`${t.needId} IS NOT NULL`),
    uniqueIndex("opportunities_event_pair_idx").on(t.buyerOrganisationId, t.supplierId, t.eventId).where(sql`${t.eventId} IS NOT NULL`),
    uniqueIndex("opportunities_directory_pair_idx").on(t.buyerOrganisationId, t.supplierId).where(sql`${t.origin} = 'directory'`),
    index("opportunities_buyer_idx").on(t.buyerOrganisationId, t.stage),
    index("opportunities_supplier_idx").on(t.supplierId, t.stage),
    index("opportunities_club_idx").on(t.clubId, t.updatedAt),
  ],
);

/** The history of an opportunity: who, when, from → to, and the note. */
export const opportunityEvents = pgTable(
  "opportunity_events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    opportunityId: uuid("opportunity_id")
      .notNull()
      .references(() => opportunities.id, { onDelete: "cascade" }),
    kind: opportunityEventKind("kind").notNull(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    /** How the change was made when it was not the actor's own hand: "Enquête de suivi", "Système", "Animatrice pour …". */
    via: text("via"),
    fromStage: opportunityStage("from_stage"),
    toStage: opportunityStage("to_stage"),
    note: text("note"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("opportunity_events_opportunity_idx").on(t.opportunityId, t.createdAt)],
);

/** A club follow-up session ("suivi régulier lors du club"): what changed since the previous one. */
export const followUpSessions = pgTable(
  "follow_up_sessions",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    title: text("title").notNull(),
    heldAt: timestamp("held_at", { withTimezone: true }).notNull(),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("follow_up_sessions_club_idx").on(t.clubId, t.heldAt)],
);
