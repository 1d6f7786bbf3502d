// The admin's territory filter: EPCI, department, QPV, validated against the reference data.
import { sql } from "drizzle-orm";
import { z } from "zod";
import { db } from "../../../db/connection";
import { rows } from "../../../db/client";
import type { Scope } from "./figures.server";

const blankToUndefined = (v: unknown) => (typeof v === "string" && v.trim() === "" ? undefined : typeof v === "string" ? v.trim() : v);

export const TerritoryQuerySchema = z.object({
  epci: z.preprocess(blankToUndefined, z.string().regex(/^\d{9}$/, "Le SIREN de l'EPCI compte 9 chiffres.").optional()),
  departement: z.preprocess(blankToUndefined, z.string().toUpperCase().regex(/^(\d{2,3}|2A|2B)$/, "Code de département invalide (par exemple 93, 2A, 974).").optional()),
  qpv: z.preprocess(blankToUndefined, z.string().toUpperCase().regex(/^QN\d{5}[A-Z]$/, "Code QPV invalide (par exemple QN09318M).").optional()),
});

export type TerritoryFilter = { epciSiren?: string; departmentCode?: string; qpvCode?: string };
export type TerritoryResult = { ok: true; filter: TerritoryFilter; label: string } | { ok: false; errors: string[]; filter: TerritoryFilter };

/** Reads and checks `?epci=&departement=&qpv=`; an unknown code is an error, in French. */
export async function parseTerritory(searchParams: URLSearchParams): Promise<TerritoryResult> {
  const raw = { epci: searchParams.get("epci") ?? undefined, departement: searchParams.get("departement") ?? undefined, qpv: searchParams.get("qpv") ?? undefined };
  const parsed = TerritoryQuerySchema.safeParse(raw);
  const echo = { epciSiren: raw.epci, departmentCode: raw.departement, qpvCode: raw.qpv };
  if (!parsed.success) return { ok: false, errors: parsed.error.issues.map((i) => i.message), filter: echo };
  const filter: TerritoryFilter = { epciSiren: parsed.data.epci, departmentCode: parsed.data.departement, qpvCode: parsed.data.qpv };
  const errors: string[] = [];
  const parts: string[] = [];
  if (filter.epciSiren) {
    const [epci] = await rows<{ name: string }>(
      db,
      sql`SELECT epci_name AS name FROM communes WHERE epci_siren = ${filter.epciSiren} AND epci_name IS NOT NULL
          UNION ALL SELECT epci_name FROM clubs WHERE epci_siren = ${filter.epciSiren} LIMIT 1`,
    );
    if (epci) parts.push(`EPCI : ${epci.name}`);
    else errors.push(`EPCI inconnu : ${filter.epciSiren}.`);
  }
  if (filter.departmentCode) {
    const [dep] = await rows<{ name: string }>(db, sql`SELECT department_name AS name FROM communes WHERE department_code = ${filter.departmentCode} LIMIT 1`);
    if (dep) parts.push(`Département : ${dep.name} (${filter.departmentCode})`);
    else errors.push(`Département inconnu : ${filter.departmentCode}.`);
  }
  if (filter.qpvCode) {
    const [qpv] = await rows<{ name: string }>(db, sql`SELECT name FROM qpvs WHERE code = ${filter.qpvCode}`);
    if (qpv) parts.push(`QPV : ${qpv.name} (${filter.qpvCode})`);
    else errors.push(`QPV inconnu : ${filter.qpvCode}.`);
  }
  if (errors.length) return { ok: false, errors, filter };
  return { ok: true, filter, label: parts.length ? parts.join(" · ") : "Toute la plateforme" };
}

export function territoryScope(filter: TerritoryFilter): Scope {
  return { kind: "territory", ...filter };
}

/** The choices of the filter form: the EPCI and departments where the platform has clubs or suppliers. */
export async function territoryOptions() {
  const epcis = await rows<{ siren: string; name: string }>(
    db,
    sql`SELECT DISTINCT siren, name FROM (
          SELECT epci_siren AS siren, epci_name AS name FROM clubs
          UNION SELECT q.epci_siren, q.epci_name FROM club_qpvs cq JOIN qpvs q ON q.code = cq.qpv_code WHERE q.epci_siren IS NOT NULL
          UNION SELECT c.epci_siren, c.epci_name FROM suppliers s JOIN communes c ON c.insee = s.commune_insee WHERE c.epci_siren IS NOT NULL
        ) t ORDER BY name`,
  );
  const departments = await rows<{ code: string; name: string }>(
    db,
    sql`SELECT DISTINCT department_code AS code, department_name AS name FROM communes ORDER BY department_code`,
  );
  return { epcis, departments };
}
