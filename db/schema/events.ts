import { sql } from "drizzle-orm";
import { boolean, check, date, index, integer, jsonb, pgEnum, pgTable, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { clubs, organisations } from "./organisations";

/** One session of an event day, in Europe/Paris wall-clock time ("09:00"). */
export type EventSession = { name: "morning" | "afternoon"; start: string; end: string };
/** A break inside a session, in Europe/Paris wall-clock time. */
export type EventBreak = { start: string; end: string };

export const eventStatus = pgEnum("event_status", ["draft", "open", "scheduling", "published", "done", "cancelled"]);
/** "auto": each buyer keeps a table when buyers ≤ tables, else a table per meeting. */
export const eventTableMode = pgEnum("event_table_mode", ["auto", "fixed", "any"]);
export const eventApprovalMode = pgEnum("event_approval_mode", ["auto", "manual"]);
export const participantSide = pgEnum("participant_side", ["buyer", "supplier"]);
export const participantStatus = pgEnum("participant_status", ["pending", "approved", "waitlisted", "cancelled", "rejected", "awaiting_payment"]);
export const checkInStatus = pgEnum("check_in_status", ["unknown", "present", "absent"]);
export const meetingRequestStatus = pgEnum("meeting_request_status", ["pending", "accepted", "declined", "expired", "cancelled"]);
export const meetingStatus = pgEnum("meeting_status", ["scheduled", "held", "missed", "cancelled"]);

/** A "Rencontre Business de Proximité" run by a club. */
export const events = pgTable(
  "events",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    venue: text("venue").notNull().default(""),
    date: date("date", { mode: "string" }).notNull(),
    sessions: jsonb("sessions").$type<EventSession[]>().notNull(),
    meetingMinutes: integer("meeting_minutes").notNull().default(20),
    gapMinutes: integer("gap_minutes").notNull().default(5),
    breaks: jsonb("breaks").$type<EventBreak[]>().notNull().default([]),
    tablesCount: integer("tables_count").notNull().default(10),
    tableMode: eventTableMode("table_mode").notNull().default("auto"),
    capacityBuyers: integer("capacity_buyers").notNull().default(20),
    capacitySuppliers: integer("capacity_suppliers").notNull().default(40),
    registrationOpensAt: timestamp("registration_opens_at", { withTimezone: true }),
    registrationClosesAt: timestamp("registration_closes_at", { withTimezone: true }),
    wishDeadline: timestamp("wish_deadline", { withTimezone: true }),
    maxWishes: integer("max_wishes").notNull().default(8),
    approvalMode: eventApprovalMode("approval_mode").notNull().default("auto"),
    status: eventStatus("status").notNull().default("draft"),
    /** Buyer ticket price (payments module); null = free. */
    ticketPriceCents: integer("ticket_price_cents"),
    /** Incremented at each publication of the schedule (ICS SEQUENCE). */
    publishedVersion: integer("published_version").notNull().default(0),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("events_slug_idx").on(t.slug),
    index("events_club_idx").on(t.clubId, t.date),
    check("events_positive", sql`${t.meetingMinutes} > 0 AND ${t.gapMinutes} >= 0 AND ${t.tablesCount} > 0 AND ${t.maxWishes} > 0`),
  ],
);

/** Time slots derived from the event's settings (deriveSlots), regenerated while nothing is scheduled. */
export const eventSlots = pgTable(
  "event_slots",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    position: integer("position").notNull(),
    startsAt: timestamp("starts_at", { withTimezone: true }).notNull(),
    endsAt: timestamp("ends_at", { withTimezone: true }).notNull(),
    session: text("session").notNull(),
  },
  (t) => [uniqueIndex("event_slots_position_idx").on(t.eventId, t.position)],
);

/** One person registered for an event, for one of their organisations. */
export const eventParticipants = pgTable(
  "event_participants",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    side: participantSide("side").notNull(),
    status: participantStatus("status").notNull(),
    waitlistPosition: integer("waitlist_position"),
    /** Slot ids the person is available in; null = every slot. */
    availability: text("availability").array(),
    sessionPreference: text("session_preference"),
    pitch: text("pitch").notNull().default(""),
    /** Buyer needs linked later by the needs module. */
    linkedNeeds: jsonb("linked_needs"),
    checkedIn: checkInStatus("checked_in").notNull().default("unknown"),
    /** When the "no meeting yet" reminder before the wish deadline was sent (sent once). */
    wishNudgedAt: timestamp("wish_nudged_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("event_participants_user_idx").on(t.eventId, t.userId),
    index("event_participants_status_idx").on(t.eventId, t.side, t.status),
    index("event_participants_org_idx").on(t.organisationId),
  ],
);

export const meetingRequests = pgTable(
  "meeting_requests",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    fromParticipant: uuid("from_participant")
      .notNull()
      .references(() => eventParticipants.id, { onDelete: "cascade" }),
    toParticipant: uuid("to_participant")
      .notNull()
      .references(() => eventParticipants.id, { onDelete: "cascade" }),
    /** 1 = first choice. */
    rank: integer("rank").notNull(),
    status: meetingRequestStatus("status").notNull().default("pending"),
    mutual: boolean("mutual").notNull().default(false),
    /** Added or forced by the animator. */
    forced: boolean("forced").notNull().default(false),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    answeredAt: timestamp("answered_at", { withTimezone: true }),
  },
  (t) => [
    uniqueIndex("meeting_requests_pair_idx").on(t.eventId, t.fromParticipant, t.toParticipant),
    index("meeting_requests_to_idx").on(t.toParticipant, t.status),
    check("meeting_requests_not_self", sql`${t.fromParticipant} <> ${t.toParticipant}`),
  ],
);

export const meetings = pgTable(
  "meetings",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    requestId: uuid("request_id").references(() => meetingRequests.id, { onDelete: "set null" }),
    participantA: uuid("participant_a")
      .notNull()
      .references(() => eventParticipants.id, { onDelete: "cascade" }),
    participantB: uuid("participant_b")
      .notNull()
      .references(() => eventParticipants.id, { onDelete: "cascade" }),
    slotId: uuid("slot_id")
      .notNull()
      .references(() => eventSlots.id, { onDelete: "cascade" }),
    tableLabel: text("table_label").notNull(),
    locked: boolean("locked").notNull().default(false),
    status: meetingStatus("status").notNull().default("scheduled"),
    /** What each side said after the slot: true "a eu lieu", false "absent", null not said. */
    heldA: boolean("held_a"),
    heldB: boolean("held_b"),
    /** Published version in which this meeting last appeared (ICS SEQUENCE). */
    version: integer("version").notNull().default(0),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("meetings_event_slot_idx").on(t.eventId, t.slotId),
    index("meetings_a_idx").on(t.participantA),
    index("meetings_b_idx").on(t.participantB),
  ],
);

/** Each run of the scheduler: what it placed and what it left out, with the reasons. */
export const scheduleRuns = pgTable(
  "schedule_runs",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    eventId: uuid("event_id")
      .notNull()
      .references(() => events.id, { onDelete: "cascade" }),
    kind: text("kind").notNull().default("full"),
    stats: jsonb("stats").notNull(),
    precheck: jsonb("precheck"),
    /** [{ a, b, reason }] with participant ids. */
    unscheduled: jsonb("unscheduled").$type<{ a: string; b: string; reason: string }[]>().notNull().default([]),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("schedule_runs_event_idx").on(t.eventId, t.createdAt)],
);
