import { bigint, customType, doublePrecision, index, integer, jsonb, pgSequence, pgTable, primaryKey, real, text, timestamp, uuid } from "drizzle-orm/pg-core";
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
    /** A small number for the in-memory index (search/memory-index.ts): postings hold it, not the uuid. */
    docno: integer("docno").generatedAlwaysAsIdentity().notNull().unique(),
    /** search_revision_seq at the last write: processes catch up with `revision > what they hold`. */
    revision: bigint("revision", { mode: "number" }).notNull().default(0),
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
    completeness: real("completeness").notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
  },
  (t) => [
    index("search_documents_vector_idx").using("gin", t.searchVector),
    index("search_documents_revision_idx").on(t.revision),
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

/** Numbers every write to the index, so that each process's in-memory copy knows what it missed. */
export const searchRevisionSeq = pgSequence("search_revision_seq");

/**
 * Documents removed from the index, by revision: a process holding the document in memory drops
 * it when it catches up. A row without docno records a clear (every document before it is gone).
 */
export const searchRemovals = pgTable(
  "search_removals",
  {
    revision: bigint("revision", { mode: "number" }).notNull(),
    docno: integer("docno"),
  },
  (t) => [index("search_removals_revision_idx").on(t.revision)],
);
