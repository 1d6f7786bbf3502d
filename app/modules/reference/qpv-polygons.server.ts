import { eq, inArray } from "drizzle-orm";
import { db } from "../../../db/connection";
import { qpvs, suppliers } from "../../../db/schema";
import { checkPointInQpv } from "../suppliers/polygon-check";

type Feature = { type: "Feature"; properties?: Record<string, unknown> | null; geometry?: { type: string } | null };

/**
 * The 2024 code a polygon belongs to: its own code when it is a 2024 one (QN…), or, for a 2015
 * code (QP + 3-digit department + 3-digit number), the 2024 QPV of the same department and number
 * (QN + department + last two digits + status letter), as ANCT renumbered them.
 */
export function qpv2024CodeFor(code: string, known: ReadonlySet<string>): string | null {
  if (known.has(code)) return code;
  const old = code.match(/^QP(\d{3}|02[AB])(\d)(\d{2})$/);
  if (!old) return null;
  const prefix = `QN${old[1]}${old[3]}`;
  const candidates = [...known].filter((k) => k.startsWith(prefix) && k.length === prefix.length + 1);
  return candidates.length === 1 ? candidates[0]! : null;
}

export type PolygonImportReport = { features: number; matched: number; unmatched: string[]; suppliersChecked: number };

/** Stores the polygons on their QPV and re-checks the declared addresses in them, in one transaction. */
export async function importQpvPolygons(geojson: unknown): Promise<PolygonImportReport> {
  const features = ((geojson as { features?: Feature[] })?.features ?? []).filter((f) => f?.geometry && ["Polygon", "MultiPolygon"].includes(f.geometry.type));
  const known = new Set((await db.select({ code: qpvs.code }).from(qpvs)).map((q) => q.code));
  const unmatched: string[] = [];
  const byCode = new Map<string, unknown>();
  for (const feature of features) {
    const props = feature.properties ?? {};
    const raw = String(props.code_qp ?? props.code_quartier ?? props.code ?? "");
    const code = qpv2024CodeFor(raw, known);
    if (code) byCode.set(code, feature.geometry);
    else unmatched.push(raw || "(sans code)");
  }
  let suppliersChecked = 0;
  await db.transaction(async (tx) => {
    for (const [code, geometry] of byCode) await tx.update(qpvs).set({ polygon: geometry }).where(eq(qpvs.code, code));
    const declared = byCode.size ? await tx.select({ id: suppliers.id, lat: suppliers.lat, lon: suppliers.lon, qpvCode: suppliers.qpvCode }).from(suppliers).where(inArray(suppliers.qpvCode, [...byCode.keys()])) : [];
    for (const s of declared) {
      await tx.update(suppliers).set({ qpvPolygonCheck: checkPointInQpv(s, byCode.get(s.qpvCode!)) }).where(eq(suppliers.id, s.id));
    }
    suppliersChecked = declared.length;
  });
  return { features: features.length, matched: byCode.size, unmatched, suppliersChecked };
}
