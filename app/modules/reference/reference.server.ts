import { and, asc, eq, ilike, or, sql } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { communes, nafCodes, qpvs } from "../../../db/schema";
import { searchKey } from "~/lib/text";

export type CommuneSummary = {
  insee: string;
  name: string;
  postalCode: string | null;
  departmentCode: string;
  epciSiren: string | null;
  epciName: string | null;
  lat: number | null;
  lon: number | null;
};

const communeColumns = {
  insee: communes.insee,
  name: communes.name,
  postalCode: communes.postalCode,
  departmentCode: communes.departmentCode,
  epciSiren: communes.epciSiren,
  epciName: communes.epciName,
  lat: communes.lat,
  lon: communes.lon,
};

/**
 * Commune autocomplete: by postal code (prefix) when the query starts with digits, by name
 * otherwise (accent- and case-insensitive prefix, then larger communes first).
 */
export async function searchCommunes(query: string, limit = 10): Promise<CommuneSummary[]> {
  const q = query.trim();
  if (q.length < 2) return [];
  if (/^\d/.test(q)) {
    const digits = q.replace(/\s/g, "");
    return db
      .select(communeColumns)
      .from(communes)
      .where(or(ilike(communes.postalCode, `${digits}%`), sql`EXISTS (SELECT 1 FROM unnest(${communes.postalCodes}) pc WHERE pc LIKE ${`${digits}%`})`, eq(communes.insee, digits)))
      .orderBy(sql`${communes.population} DESC NULLS LAST`)
      .limit(limit);
  }
  const key = searchKey(q);
  return db
    .select(communeColumns)
    .from(communes)
    .where(or(ilike(communes.searchName, `${key}%`), ilike(communes.searchName, `% ${key}%`)))
    .orderBy(sql`(${communes.searchName} LIKE ${`${key}%`}) DESC`, sql`${communes.population} DESC NULLS LAST`, asc(communes.name))
    .limit(limit);
}

export async function getCommune(insee: string): Promise<CommuneSummary | undefined> {
  const [row] = await db.select(communeColumns).from(communes).where(eq(communes.insee, insee));
  return row;
}

/** Resolves what a person typed in a commune field: an INSEE code, "Montreuil (93100)", or a unique name. */
export async function resolveCommune(input: string): Promise<CommuneSummary | undefined> {
  const value = input.trim();
  if (/^(\d{5}|2[AB]\d{3})$/i.test(value)) return getCommune(value.toUpperCase());
  const match = value.match(/^(.*?)\s*\((\d{5})\)\s*$/);
  if (match) {
    const [, name, postal] = match;
    const [row] = await db
      .select(communeColumns)
      .from(communes)
      .where(and(eq(communes.searchName, searchKey(name!)), sql`${postal} = ANY(${communes.postalCodes})`))
      .limit(1);
    return row;
  }
  const rows = await db.select(communeColumns).from(communes).where(eq(communes.searchName, searchKey(value))).limit(2);
  return rows.length === 1 ? rows[0] : undefined;
}

export { communeLabel } from "./labels";

/** The QPV that span this commune (a QPV may cover several communes). */
export async function qpvsOfCommune(insee: string, executor: Executor = db) {
  return executor
    .select({ code: qpvs.code, name: qpvs.name, communeNames: qpvs.communeNames })
    .from(qpvs)
    .where(sql`${insee} = ANY(${qpvs.communeInsees})`)
    .orderBy(asc(qpvs.name));
}

export async function qpvsOfEpci(epciSiren: string) {
  return db.select({ code: qpvs.code, name: qpvs.name, communeNames: qpvs.communeNames }).from(qpvs).where(eq(qpvs.epciSiren, epciSiren)).orderBy(asc(qpvs.name));
}

export async function getQpv(code: string) {
  const [row] = await db.select().from(qpvs).where(eq(qpvs.code, code));
  return row;
}

/** NAF code → label; accepts "81.21Z" as well as "8121Z". */
export async function nafLabel(code: string): Promise<string | undefined> {
  const normalized = normalizeNaf(code);
  // Sub-classes are stored as "81.21Z" with their APE form "8121Z" beside; other levels by code.
  const [row] = await db.select({ label: nafCodes.label }).from(nafCodes).where(or(eq(nafCodes.apeCode, normalized), eq(nafCodes.code, code.trim().toUpperCase())));
  return row?.label;
}

export function normalizeNaf(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}

export async function searchNaf(query: string, limit = 15) {
  const q = query.trim();
  if (q.length < 2) return [];
  const code = normalizeNaf(q);
  return db
    .select({ code: sql<string>`${nafCodes.apeCode}`, label: nafCodes.label })
    .from(nafCodes)
    .where(and(eq(nafCodes.level, "sous-classe"), or(ilike(nafCodes.apeCode, `${code}%`), sql`f_unaccent(lower(${nafCodes.label})) LIKE ${`%${searchKey(q)}%`}`)))
    .orderBy(asc(nafCodes.apeCode))
    .limit(limit);
}

/** EPCIs (code and name) whose name matches, for the admin's club form. */
export async function searchEpcis(query: string, limit = 10) {
  const key = searchKey(query);
  if (key.length < 2) return [];
  return db
    .selectDistinct({ siren: communes.epciSiren, name: communes.epciName })
    .from(communes)
    .where(and(sql`${communes.epciSiren} IS NOT NULL`, or(sql`f_unaccent(lower(${communes.epciName})) LIKE ${`%${key}%`}`, eq(communes.epciSiren, query.trim()))))
    .orderBy(asc(communes.epciName))
    .limit(limit);
}

export async function getEpci(siren: string) {
  const [row] = await db
    .selectDistinct({ siren: communes.epciSiren, name: communes.epciName })
    .from(communes)
    .where(eq(communes.epciSiren, siren))
    .limit(1);
  return row?.siren ? { siren: row.siren, name: row.name ?? siren } : undefined;
}
