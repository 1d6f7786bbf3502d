// `npm run bench:match [-- --suppliers 100000 --needs 200 --only postgres|pglite]`: ranks the top 20
// suppliers for 200 different needs over 100,000 generated suppliers, on PostgreSQL (DATABASE_URL,
// else postgres://postgres@127.0.0.1:5432/postgres, in a fresh database dropped afterwards) and on
// an in-memory PGlite; prints p50 / p95 / max per need and the machine. Target: p95 ≤ 50 ms on PostgreSQL.
import os from "node:os";
import { sql } from "drizzle-orm";
import postgres from "postgres";
import { openDatabase, rows, runMigrations, type DatabaseHandle } from "../db/client";
import { loadReferenceData } from "../db/reference/load";
import { withDatabase } from "../db/testing";
import { insertSuppliers, type BulkSupplier } from "../eval/matching/bulk-suppliers";
import { rankSuppliersForNeed, type NeedMatchInput } from "../app/modules/matching/matching.server";
import { listCategories } from "../app/modules/suppliers/categories";
import { LABELS } from "../app/modules/suppliers/labels";
import { pick, weighted } from "../search/generate";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

const SUPPLIERS = Number(option("--suppliers", "100000"));
const NEEDS = Number(option("--needs", "200"));
const ONLY = option("--only", "");
/** Development aid: keep (and reuse) the PostgreSQL database under this name. */
const KEEP = option("--keep-db", "");
const LIMIT = 20;

/** mulberry32: the same suppliers and needs on both databases. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Commune = { insee: string; lat: number; lon: number; department_code: string; epci_siren: string | null; population: number };

function generate(communes: Commune[]): { suppliers: BulkSupplier[]; needs: NeedMatchInput[] } {
  const random = prng(2027);
  const drawCommune = weighted(communes, 50);
  const commune = () => drawCommune(random);
  const taxonomy = listCategories();
  const suppliers: BulkSupplier[] = [];
  for (let i = 0; i < SUPPLIERS; i++) {
    const c = commune();
    const categories = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(random, taxonomy)))];
    const main = categories[0]!;
    const zone = random();
    const qpv = random();
    suppliers.push({
      siret: String(10_000_000_000_000 + i),
      legalName: `${pick(random, main.keywords)} ${pick(random, ["Services", "Solidaire", "Quartiers", "Pro", "& Co", "Insertion"])} ${i}`,
      nafCode: random() < 0.6 && main.naf.length ? pick(random, main.naf) : null,
      description: `${categories.map((cat) => cat.keywords.slice(0, 4).join(", ")).join(". ")}. Entreprise locale, ${pick(random, ["équipes formées", "réactivité", "prix justes", "insertion"])}.`,
      categories: random() < 0.85 ? categories.map((cat) => cat.slug) : [],
      labels: random() < 0.25 ? [pick(random, LABELS).slug] : [],
      communeInsee: c.insee,
      lat: c.lat + (random() - 0.5) * 0.03,
      lon: c.lon + (random() - 0.5) * 0.04,
      zoneKind: zone < 0.8 ? "radius" : zone < 0.95 ? "departments" : "national",
      zoneRadiusKm: 10 + Math.floor(random() * 70),
      zoneDepartments: [c.department_code],
      qpvStatus: qpv < 0.12 ? "verified" : qpv < 0.25 ? "declared" : "none",
    });
  }
  const needs: NeedMatchInput[] = [];
  for (let i = 0; i < NEEDS; i++) {
    const c = commune();
    const categories = [...new Set(Array.from({ length: 1 + Math.floor(random() * 2) }, () => pick(random, taxonomy)))];
    const p = random();
    needs.push({
      categories: categories.map((cat) => cat.slug),
      communeInsee: c.insee,
      perimeter:
        p < 0.7
          ? { kind: "radius", radiusKm: 10 + Math.floor(random() * 40) }
          : p < 0.85
            ? { kind: "departments", departments: [c.department_code] }
            : p < 0.95 && c.epci_siren
              ? { kind: "epci", epci: c.epci_siren }
              : { kind: "national" },
      requiredLabels: random() < 0.2 ? [pick(random, LABELS).slug] : [],
      title: `${categories[0]!.label} pour notre site`,
      description: `Nous cherchons ${categories.map((cat) => cat.keywords.slice(0, 3).join(", ")).join(" et ")} ; démarrage rapide.`,
    });
  }
  return { suppliers, needs };
}

/** What the search index holds in production (search/postgres-engine.ts), built in one statement. */
async function indexSuppliers(handle: DatabaseHandle) {
  await handle.db.execute(sql`
    INSERT INTO search_documents (id, name, description, search_vector, search_text, categories, labels, qpv_code, qpv_status,
      commune_insee, department_code, epci_siren, lat, lon, completeness, created_at)
    SELECT s.id, s.legal_name, s.description,
      setweight(to_tsvector('french', f_unaccent(s.legal_name)), 'A') || setweight(to_tsvector('french', f_unaccent(s.description)), 'C'),
      lower(f_unaccent(s.legal_name)), s.categories, s.labels, s.qpv_code, s.qpv_status::text, s.commune_insee, c.department_code, c.epci_siren,
      s.lat, s.lon, 0.5, s.created_at
    FROM suppliers s LEFT JOIN communes c ON c.insee = s.commune_insee`);
  await handle.db.execute(sql`ANALYZE`);
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

async function run(label: string, handle: DatabaseHandle, data: ReturnType<typeof generate> | null, communesOut: { list: Commune[] }, reuse = false) {
  const t0 = Date.now();
  await runMigrations(handle);
  if (!reuse) await loadReferenceData(handle.db);
  if (communesOut.list.length === 0) {
    communesOut.list = await rows<Commune>(
      handle.db,
      sql`SELECT insee, lat, lon, department_code, epci_siren, coalesce(population, 0) AS population FROM communes WHERE lat IS NOT NULL AND lon IS NOT NULL`,
    );
  }
  const generated = data ?? generate(communesOut.list);
  if (!reuse) {
    await insertSuppliers(handle.db, generated.suppliers);
    await indexSuppliers(handle);
  }
  const setupS = (Date.now() - t0) / 1000;
  for (const need of generated.needs.slice(0, 5)) await rankSuppliersForNeed(need, { executor: handle.db, limit: LIMIT });
  const times: number[] = [];
  let returned = 0;
  for (const need of generated.needs) {
    const start = performance.now();
    const ranked = await rankSuppliersForNeed(need, { executor: handle.db, limit: LIMIT });
    times.push(performance.now() - start);
    returned += ranked.length;
  }
  times.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(11)} ${SUPPLIERS} fournisseurs (préparation ${setupS.toFixed(0)} s), ${generated.needs.length} besoins, top ${LIMIT} : ` +
      `p50 ${percentile(times, 50).toFixed(1)} ms · p95 ${percentile(times, 95).toFixed(1)} ms · max ${times.at(-1)!.toFixed(1)} ms · ` +
      `${(returned / generated.needs.length).toFixed(1)} résultats en moyenne`,
  );
  return generated;
}

async function main() {
  const cpus = os.cpus();
  console.log(`Machine : ${cpus[0]?.model ?? "?"} × ${cpus.length} cœurs, ${(os.totalmem() / 2 ** 30).toFixed(1)} Go, ${os.platform()} ${os.release()}, Node ${process.version}, charge moyenne ${os.loadavg().map((l) => l.toFixed(1)).join(" / ")}`);
  const communes = { list: [] as Commune[] };
  let data: ReturnType<typeof generate> | null = null;
  if (ONLY !== "pglite") {
    const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    const name = KEEP || `proxima_bench_${process.pid}`;
    const admin = postgres(url, { max: 1, onnotice: () => {} });
    let reuse = false;
    try {
      if (KEEP) reuse = (await admin`SELECT 1 FROM pg_database WHERE datname = ${name}`).length > 0;
      if (!reuse) await admin.unsafe(`CREATE DATABASE "${name}"`);
      const handle = await openDatabase({ driver: "postgres", url: withDatabase(url, name), max: 4 });
      try {
        const [version] = await rows<{ server_version: string }>(handle.db, sql`SHOW server_version`);
        data = await run(`PostgreSQL ${version?.server_version ?? ""}`.trim(), handle, data, communes, reuse);
      } finally {
        await handle.close();
      }
    } catch (error) {
      console.log(`PostgreSQL : non mesuré (${(error as Error).message}).`);
    } finally {
      if (!KEEP) await admin.unsafe(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).catch(() => {});
      await admin.end();
    }
  }
  if (ONLY !== "postgres") {
    const handle = await openDatabase({ driver: "pglite" });
    try {
      await run("PGlite", handle, data, communes);
    } finally {
      await handle.close();
    }
  }
}

await main();
