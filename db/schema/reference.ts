import { doublePrecision, index, integer, jsonb, pgTable, text } from "drizzle-orm/pg-core";

/** INSEE communes (and the 45 arrondissements of Paris, Lyon, Marseille). */
export const communes = pgTable(
  "communes",
  {
    insee: text("insee").primaryKey(),
    name: text("name").notNull(),
    /** lower-case, accent-free name, for prefix search without unaccent() at query time */
    searchName: text("search_name").notNull(),
    departmentCode: text("department_code").notNull(),
    departmentName: text("department_name").notNull(),
    regionCode: text("region_code").notNull(),
    regionName: text("region_name").notNull(),
    postalCode: text("postal_code"),
    postalCodes: text("postal_codes").array().notNull(),
    population: integer("population"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    epciSiren: text("epci_siren"),
    epciName: text("epci_name"),
  },
  (t) => [
    index("communes_search_name_idx").on(t.searchName),
    index("communes_postal_code_idx").on(t.postalCode),
    index("communes_epci_idx").on(t.epciSiren),
  ],
);

/** The 2024 priority neighbourhoods (QPV). */
export const qpvs = pgTable(
  "qpvs",
  {
    code: text("code").primaryKey(),
    name: text("name").notNull(),
    statusLetter: text("status_letter").notNull(),
    departmentCode: text("department_code").notNull(),
    departmentName: text("department_name").notNull(),
    regionCode: text("region_code").notNull(),
    regionName: text("region_name").notNull(),
    communeInsees: text("commune_insees").array().notNull(),
    communeNames: text("commune_names").notNull(),
    epciSiren: text("epci_siren"),
    epciName: text("epci_name"),
    lat: doublePrecision("lat"),
    lon: doublePrecision("lon"),
    /** GeoJSON geometry, present once polygons are imported (import-qpv-polygons). */
    polygon: jsonb("polygon"),
  },
  (t) => [index("qpvs_epci_idx").on(t.epciSiren), index("qpvs_department_idx").on(t.departmentCode)],
);

/** NAF rév. 2, all five levels. */
export const nafCodes = pgTable(
  "naf_codes",
  {
    code: text("code").primaryKey(),
    apeCode: text("ape_code"),
    level: text("level").notNull(),
    label: text("label").notNull(),
    shortLabel: text("short_label").notNull(),
    section: text("section").notNull(),
    parentCode: text("parent_code"),
  },
  (t) => [index("naf_codes_level_idx").on(t.level)],
);
