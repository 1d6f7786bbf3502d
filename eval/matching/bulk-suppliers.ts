// Writes many supplier profiles (organisation + supplier rows) in a few statements, for the
// DB-backed evaluation and the matching benchmark. Not a product import: see sourcing/ for that.
import { randomUUID } from "node:crypto";
import { sql } from "drizzle-orm";
import type { Executor } from "../../db/client";

export type BulkSupplier = {
  siret: string;
  legalName: string;
  tradeName?: string | null;
  nafCode?: string | null;
  description?: string;
  categories: string[];
  labels: string[];
  structureTypes?: string[];
  communeInsee: string | null;
  lat: number | null;
  lon: number | null;
  zoneKind?: "radius" | "departments" | "national";
  zoneRadiusKm?: number;
  zoneDepartments?: string[];
  qpvCode?: string | null;
  qpvStatus?: "none" | "declared" | "verified" | "rejected";
};

/** Inserts in chunks of `chunk` rows; returns the supplier ids in input order. */
export async function insertSuppliers(executor: Executor, suppliers: BulkSupplier[], chunk = 5000): Promise<string[]> {
  const ids: string[] = [];
  for (let start = 0; start < suppliers.length; start += chunk) {
    const part = suppliers.slice(start, start + chunk).map((s) => {
      const organisationId = randomUUID();
      const id = randomUUID();
      ids.push(id);
      return {
        id,
        organisation_id: organisationId,
        slug: `f-${s.siret}-${id.slice(0, 6)}`,
        siret: s.siret,
        legal_name: s.legalName,
        trade_name: s.tradeName ?? null,
        naf_code: s.nafCode ?? null,
        description: s.description ?? "",
        categories: s.categories,
        labels: s.labels,
        structure_types: s.structureTypes ?? [],
        commune_insee: s.communeInsee,
        lat: s.lat,
        lon: s.lon,
        zone_kind: s.zoneKind ?? "radius",
        zone_radius_km: s.zoneRadiusKm ?? 30,
        zone_departments: s.zoneDepartments ?? [],
        qpv_code: s.qpvCode ?? null,
        qpv_status: s.qpvStatus ?? "none",
      };
    });
    const json = JSON.stringify(part);
    await executor.execute(sql`
      INSERT INTO organisations (id, kind, name, slug)
      SELECT organisation_id, 'supplier', legal_name, slug FROM jsonb_to_recordset(${json}::jsonb) AS r(organisation_id uuid, legal_name text, slug text)`);
    await executor.execute(sql`
      INSERT INTO suppliers (id, organisation_id, slug, siret, legal_name, trade_name, naf_code, description, categories, labels,
        structure_types, commune_insee, lat, lon, zone_kind, zone_radius_km, zone_departments, qpv_code, qpv_status)
      SELECT id, organisation_id, slug, siret, legal_name, trade_name, naf_code, description, categories, labels,
        structure_types, commune_insee, lat, lon, zone_kind::zone_kind, zone_radius_km, zone_departments, qpv_code, qpv_status::qpv_status
      FROM jsonb_to_recordset(${json}::jsonb) AS r(id uuid, organisation_id uuid, slug text, siret text, legal_name text, trade_name text,
        naf_code text, description text, categories text[], labels text[], structure_types text[], commune_insee text, lat float8, lon float8,
        zone_kind text, zone_radius_km int, zone_departments text[], qpv_code text, qpv_status text)`);
  }
  return ids;
}
