import { sql } from "drizzle-orm";
import { customType, doublePrecision, index, integer, jsonb, pgTable, point, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
import type { SupplierSearchDocument } from "../../search/types";

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The Postgres engine's index: one denormalised row per supplier, written only by search/.
 * Only what queries filter, rank, count and sort on lives here, so that scans over large match
 * sets read narrow rows; the document returned with a hit is in `search_payloads`.
 */
export const searchDocuments = pgTable(
  "search_documents",
  {
    id: uuid("id").primaryKey(),
    name: text("name").notNull(),
    description: text("description").notNull(),
    /** name A; categories, services, NAF, labels B; description and places C (french + unaccent). */
    searchVector: tsvector("search_vector").notNull(),
    /** lower-case, accent-free name and legal name (what the ILIKE baseline and name lookups compare). */
    searchText: text("search_text").notNull(),
    categories: text("categories").array().notNull(),
    labels: text("labels").array().notNull(),
    qpvCode: text("qpv_code"),
    qpvStatus: text("qpv_status").notNull(),
    communeInsee: text("commune_insee"),
    departmentCode: text("department_code"),
    epciSiren: text("epci_siren"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    /**
     * (lon, lat) as a point: the radius search reads it, and every column it counts facets on, from
     * one covering GiST index (search_documents_pos_idx, migration 0011) without touching the table.
     */
    pos: point("pos", { mode: "xy" }).generatedAlwaysAs(sql`point(lon, lat)`),
    completeness: real("completeness").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("search_documents_vector_idx").using("gin", t.searchVector),
    index("search_documents_categories_idx").using("gin", t.categories),
    index("search_documents_labels_idx").using("gin", t.labels),
    index("search_documents_qpv_idx").on(t.qpvCode),
    index("search_documents_commune_idx").on(t.communeInsee),
    index("search_documents_department_idx").on(t.departmentCode),
    index("search_documents_epci_idx").on(t.epciSiren),
    index("search_documents_verified_idx").on(t.qpvStatus).where(sql`${t.qpvStatus} = 'verified'`),
    index("search_documents_relevance_idx").on(t.completeness.desc(), t.createdAt.desc(), t.id),
    index("search_documents_created_idx").on(t.createdAt.desc(), t.id),
  ],
);

/** The document returned as is for each hit (read for one page of hits, never scanned). */
export const searchPayloads = pgTable("search_payloads", {
  id: uuid("id")
    .primaryKey()
    .references(() => searchDocuments.id, { onDelete: "cascade" }),
  doc: jsonb("doc").$type<SupplierSearchDocument>().notNull(),
});

/**
 * Every indexed word (accent-free, lower-case) with its French stem: typo correction looks
 * here by trigram (a few thousand words) instead of over every document.
 */
export const searchVocabulary = pgTable(
  "search_vocabulary",
  {
    word: text("word").primaryKey(),
    lexeme: text("lexeme").notNull(),
  },
  (t) => [index("search_vocabulary_lexeme_idx").on(t.lexeme)],
);

/**
 * The trigrams (show_trgm) of each vocabulary word, for typo correction. pg_trgm's `%` and `<->`
 * operators return nothing and then hang PGlite 0.5.17, so the candidate words are found through
 * this btree instead: a word whose similarity can reach the threshold shares enough trigrams.
 */
export const searchVocabularyTrigrams = pgTable(
  "search_vocabulary_trigrams",
  {
    trigram: text("trigram").notNull(),
    word: text("word").notNull(),
  },
  (t) => [primaryKey({ columns: [t.trigram, t.word] })],
);

/** The label shown for each facet value ("93 — Seine-Saint-Denis"), kept apart so counts stay cheap. */
export const searchFacetLabels = pgTable(
  "search_facet_labels",
  {
    facet: text("facet").notNull(),
    value: text("value").notNull(),
    label: text("label").notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.value] })],
);

/**
 * Facet counts over the whole index, computed on the first search after a write: a filter-only
 * search needs them for its own facet (disjunctive counts) and they cost a full scan.
 * The row (facet "total", value "") marks the cache as complete.
 */
export const searchFacetCounts = pgTable(
  "search_facet_counts",
  {
    facet: text("facet").notNull(),
    value: text("value").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.facet, t.value] })],
);
