import { customType, doublePrecision, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { qpvStatus, suppliers, zoneKind } from "./suppliers";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * What the matching prefilter reads of each supplier (ADR 0007): one narrow row per supplier, so
 * that the candidate scan reads a few columns instead of the whole profile. Written only by the
 * triggers of migration 0015 (on suppliers, supplier_services and search_documents), never by
 * application code, so that every write path (profile, import, seed, bulk loads) keeps it right.
 */
export const supplierMatch = pgTable(
  "supplier_match",
  {
    supplierId: uuid("supplier_id")
      .primaryKey()
      .references(() => suppliers.id, { onDelete: "cascade" }),
    categories: text("categories").array().notNull(),
    nafCode: text("naf_code"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    communeInsee: text("commune_insee"),
    /** From the INSEE code, as departmentOfInsee() does ("97411" → "974"). */
    department: text("department"),
    zoneKind: zoneKind("zone_kind").notNull(),
    zoneRadiusKm: integer("zone_radius_km").notNull(),
    zoneDepartments: text("zone_departments").array().notNull(),
    qpvStatus: qpvStatus("qpv_status").notNull(),
    labels: text("labels").array().notNull(),
    qpvCode: text("qpv_code"),
    /**
     * The weighted vector text relevance is ranked on: the search index's, else the same built on
     * the fly (name A, services B, description C), so that the prefilter's bound takes the exact
     * text rank without reading search_documents.
     */
    textVector: tsvector("text_vector").notNull(),
  },
  // Without the pending list, a query after a bulk write does not scan megabytes of unsorted entries
  // while autovacuum has not come by (measured: 6 ms against 2.5 ms per query).
  (t) => [index("supplier_match_categories_idx").using("gin", t.categories).with({ fastupdate: false }), index("supplier_match_naf_idx").on(t.nafCode)],
);
