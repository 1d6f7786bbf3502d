// The reference lookups the CSV import needs (app/modules/suppliers/csv-import.ts), backed by the
// database: two set-based queries load every commune and every NAF sub-class into maps, then each
// row of the file is resolved in memory. One query per row would take longer than the whole import.
import { sql } from "drizzle-orm";
import { rows, type Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { communeNameKey, type Commune, type ImportLookups } from "../suppliers/csv-import";

/** Corsica's communes carry department 2A or 2B, its postal codes start with 20. */
function postalDepartment(departmentCode: string): string {
  return departmentCode === "2A" || departmentCode === "2B" ? "20" : departmentCode;
}

/**
 * Builds the lookups from plain rows. Most rows are found by INSEE code; names are folded only
 * for the few communes of a postal code (or a department) that a row asks about.
 */
export function buildImportLookups(
  communeRows: { insee: string; name: string; departmentCode: string; postalCodes: string[]; lat: number | null; lon: number | null }[],
  nafSubclasses: Iterable<string>,
): ImportLookups {
  const byInsee = new Map<string, Commune>();
  const byPostal = new Map<string, Commune[]>();
  const byDepartment = new Map<string, Commune[]>();
  const push = (map: Map<string, Commune[]>, key: string, commune: Commune) => {
    const list = map.get(key);
    if (list) list.push(commune);
    else map.set(key, [commune]);
  };
  for (const row of communeRows) {
    const commune: Commune = { inseeCode: row.insee, name: row.name, latitude: row.lat, longitude: row.lon };
    byInsee.set(row.insee, commune);
    for (const postal of row.postalCodes) push(byPostal, postal, commune);
    push(byDepartment, postalDepartment(row.departmentCode), commune);
  }
  const keys = new Map<Commune, string>();
  const keyOf = (c: Commune) => {
    let key = keys.get(c);
    if (key === undefined) keys.set(c, (key = communeNameKey(c.name)));
    return key;
  };
  const naf = new Set(nafSubclasses);
  return {
    communeByInsee: (code) => byInsee.get(code),
    communeByPostalAndName: (postal, name) => {
      const wanted = communeNameKey(name);
      return byPostal.get(postal)?.find((c) => keyOf(c) === wanted);
    },
    communeByDepartmentAndName: (department, name) => {
      const wanted = communeNameKey(name);
      const found = byDepartment.get(department)?.filter((c) => keyOf(c) === wanted) ?? [];
      return found.length === 1 ? found[0] : undefined;
    },
    nafExists: (code) => naf.has(code),
  };
}

/**
 * Loads the lookups in two queries. Each returns its rows as one JSON value: PGlite decodes a
 * single 2 MB text several times faster than 35,000 rows (0.3 s instead of 1 to 2 s). NAF codes
 * are matched in their APE form ("8121Z"), the form the import normalizes to and the one stored
 * on supplier profiles.
 */
export async function loadImportLookups(executor: Executor = db): Promise<ImportLookups> {
  type CommuneTuple = [string, string, string, string[] | null, number | null, number | null];
  const [communeJson] = await rows<{ list: string | null }>(
    executor,
    sql`SELECT json_agg(json_build_array(insee, name, department_code, postal_codes, lat, lon))::text AS list FROM communes`,
  );
  const [nafJson] = await rows<{ list: string | null }>(
    executor,
    sql`SELECT json_agg(ape_code)::text AS list FROM naf_codes WHERE level = 'sous-classe' AND ape_code IS NOT NULL`,
  );
  const communeRows = (JSON.parse(communeJson?.list ?? "[]") as CommuneTuple[]).map(([insee, name, departmentCode, postalCodes, lat, lon]) => ({
    insee,
    name,
    departmentCode,
    postalCodes: postalCodes ?? [],
    lat,
    lon,
  }));
  return buildImportLookups(communeRows, JSON.parse(nafJson?.list ?? "[]") as string[]);
}
