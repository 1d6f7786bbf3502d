import { index, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { qpvs } from "./reference";

export const organisationKind = pgEnum("organisation_kind", ["supplier", "buyer", "club"]);
export const membershipRole = pgEnum("membership_role", ["owner", "member"]);

export const organisations = pgTable(
  "organisations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    kind: organisationKind("kind").notNull(),
    name: text("name").notNull(),
    slug: text("slug").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("organisations_slug_idx").on(t.slug), index("organisations_kind_idx").on(t.kind)],
);

export const memberships = pgTable(
  "memberships",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    role: membershipRole("role").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.organisationId] }), index("memberships_org_idx").on(t.organisationId)],
);

/** A territorial business club: one organisation of kind "club", tied to an EPCI and QPVs. */
export const clubs = pgTable("clubs", {
  organisationId: uuid("organisation_id")
    .primaryKey()
    .references(() => organisations.id, { onDelete: "cascade" }),
  epciSiren: text("epci_siren").notNull(),
  epciName: text("epci_name").notNull(),
  description: text("description").notNull().default(""),
});

export const clubQpvs = pgTable(
  "club_qpvs",
  {
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    qpvCode: text("qpv_code")
      .notNull()
      .references(() => qpvs.code),
  },
  (t) => [primaryKey({ columns: [t.clubId, t.qpvCode] }), index("club_qpvs_qpv_idx").on(t.qpvCode)],
);

export const invitations = pgTable(
  "invitations",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    role: membershipRole("role").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    acceptedAt: timestamp("accepted_at", { withTimezone: true }),
    declinedAt: timestamp("declined_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("invitations_token_idx").on(t.tokenHash), index("invitations_org_idx").on(t.organisationId)],
);
