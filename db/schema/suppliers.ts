import { customType, doublePrecision, index, integer, jsonb, pgEnum, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { users } from "./accounts";
import { clubs, organisations } from "./organisations";
import { communes, qpvs } from "./reference";

const bytea = customType<{ data: Buffer; driverData: Buffer | Uint8Array }>({
  dataType: () => "bytea",
  fromDriver: (value) => (Buffer.isBuffer(value) ? value : Buffer.from(value)),
});

export const qpvStatus = pgEnum("qpv_status", ["none", "declared", "verified", "rejected"]);
export const zoneKind = pgEnum("zone_kind", ["radius", "departments", "national"]);
export const polygonCheck = pgEnum("polygon_check", ["unknown", "inside", "outside"]);

/**
 * A supplier company's profile. Every profile belongs to an organisation of kind "supplier";
 * an imported profile's organisation has no member until the company claims it.
 */
export const suppliers = pgTable(
  "suppliers",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    slug: text("slug").notNull(),
    siret: text("siret").notNull(),
    legalName: text("legal_name").notNull(),
    tradeName: text("trade_name"),
    legalForm: text("legal_form"),
    nafCode: text("naf_code"),
    yearFounded: integer("year_founded"),
    headcountBand: text("headcount_band"),
    description: text("description").notNull().default(""),
    categories: text("categories").array().notNull().default([]),
    labels: text("labels").array().notNull().default([]),
    structureTypes: text("structure_types").array().notNull().default([]),
    website: text("website"),
    contactName: text("contact_name"),
    email: text("email"),
    phone: text("phone"),
    address: text("address"),
    communeInsee: text("commune_insee").references(() => communes.insee),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    zoneKind: zoneKind("zone_kind").notNull().default("radius"),
    zoneRadiusKm: integer("zone_radius_km").notNull().default(30),
    zoneDepartments: text("zone_departments").array().notNull().default([]),
    qpvCode: text("qpv_code").references(() => qpvs.code),
    qpvStatus: qpvStatus("qpv_status").notNull().default("none"),
    qpvCheckedAt: timestamp("qpv_checked_at", { withTimezone: true }),
    qpvCheckedBy: text("qpv_checked_by").references(() => users.id, { onDelete: "set null" }),
    qpvNote: text("qpv_note"),
    qpvPolygonCheck: polygonCheck("qpv_polygon_check").notNull().default("unknown"),
    logoId: uuid("logo_id"),
    claimedAt: timestamp("claimed_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex("suppliers_siret_idx").on(t.siret),
    uniqueIndex("suppliers_slug_idx").on(t.slug),
    uniqueIndex("suppliers_organisation_idx").on(t.organisationId),
    index("suppliers_qpv_idx").on(t.qpvCode, t.qpvStatus),
    index("suppliers_commune_idx").on(t.communeInsee),
  ],
);

export const supplierServices = pgTable(
  "supplier_services",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    title: text("title").notNull(),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("supplier_services_supplier_idx").on(t.supplierId)],
);

export const supplierReferences = pgTable(
  "supplier_references",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    client: text("client").notNull(),
    year: integer("year"),
    description: text("description").notNull().default(""),
    position: integer("position").notNull().default(0),
  },
  (t) => [index("supplier_references_supplier_idx").on(t.supplierId)],
);

/** Uploaded files, stored in the database so that every app instance serves the same bytes. */
export const uploads = pgTable(
  "uploads",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    organisationId: uuid("organisation_id").references(() => organisations.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    mime: text("mime").notNull(),
    size: integer("size").notNull(),
    sha256: text("sha256").notNull(),
    filename: text("filename"),
    bytes: bytea("bytes").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("uploads_organisation_idx").on(t.organisationId)],
);

export const supplierPhotos = pgTable(
  "supplier_photos",
  {
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    uploadId: uuid("upload_id")
      .notNull()
      .references(() => uploads.id, { onDelete: "cascade" }),
    caption: text("caption"),
    position: integer("position").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.supplierId, t.uploadId] })],
);

/** Who did what to a profile (QPV verification, claim, import, edits): kept forever. */
export const supplierAuditLog = pgTable(
  "supplier_audit_log",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    details: jsonb("details").notNull().default({}),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("supplier_audit_supplier_idx").on(t.supplierId, t.createdAt)],
);

/** Suppliers a club sourced (imported or invited), besides those in its QPV. */
export const clubSuppliers = pgTable(
  "club_suppliers",
  {
    clubId: uuid("club_id")
      .notNull()
      .references(() => clubs.organisationId, { onDelete: "cascade" }),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    source: text("source").notNull().default("import"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.clubId, t.supplierId] }), index("club_suppliers_supplier_idx").on(t.supplierId)],
);

/** Claim invitations for unclaimed (imported) profiles: SIRET + the mailed link. */
export const supplierClaims = pgTable(
  "supplier_claims",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    email: text("email").notNull(),
    tokenHash: text("token_hash").notNull(),
    invitedBy: text("invited_by").references(() => users.id, { onDelete: "set null" }),
    expiresAt: timestamp("expires_at", { withTimezone: true }).notNull(),
    usedAt: timestamp("used_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("supplier_claims_token_idx").on(t.tokenHash), index("supplier_claims_supplier_idx").on(t.supplierId)],
);

/** A buyer's message to a supplier from the directory: the start of a business contact. */
export const supplierContacts = pgTable(
  "supplier_contacts",
  {
    id: uuid("id").primaryKey().defaultRandom(),
    supplierId: uuid("supplier_id")
      .notNull()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    buyerOrganisationId: uuid("buyer_organisation_id")
      .notNull()
      .references(() => organisations.id, { onDelete: "cascade" }),
    userId: text("user_id").references(() => users.id, { onDelete: "set null" }),
    message: text("message").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("supplier_contacts_supplier_idx").on(t.supplierId), index("supplier_contacts_buyer_idx").on(t.buyerOrganisationId)],
);
