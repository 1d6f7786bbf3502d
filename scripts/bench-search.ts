// Directory search benchmark: `npm run bench:search [-- --count 100000 --queries 1000 --seed 7 --only pglite|postgres]`
// (development aids: `--keep-db NAME` keeps and reuses the loaded PostgreSQL database, `--slowest N` lists the slowest queries).
// Loads generated suppliers into a fresh database, then times the same seeded mix of queries through
// the search engine and through a naive ILIKE '%…%' baseline, on PGlite and (when reachable) PostgreSQL.
import { sql, type SQL } from "drizzle-orm";
import os from "node:os";
import { performance } from "node:perf_hooks";
import postgres from "postgres";
import { openDatabase, rows, runMigrations, type DatabaseHandle, type Executor } from "../db/client";
import { loadReferenceData } from "../db/reference/load";
import { withDatabase } from "../db/testing";
import { listCategories } from "../app/modules/suppliers/categories";
import { stderrProgress } from "../search/commands";
import { generateSuppliers, loadGeneratorReference, pick, seededRandom, type Random, type Reference } from "../search/generate";
import { createPostgresEngine } from "../search/postgres-engine";
import { pagination, type SearchQuery } from "../search/types";

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

const COUNT = Number(option("--count", "100000"));
const QUERIES = Number(option("--queries", "1000"));
const SEED = Number(option("--seed", "7"));
const ONLY = option("--only", "all");
/** Development aid: keep (and reuse when already loaded) the PostgreSQL database under this name. */
const KEEP = option("--keep-db", "");
const SLOWEST = Number(option("--slowest", "0"));
const BENCH_DB = KEEP || "proxima_bench_search";
const TARGETS = { postgres: 30, pglite: 80 };

type Kind = "texte" | "faute" | "texte+filtres" | "rayon" | "filtres" | "tri distance";
type BenchQuery = { kind: Kind; query: SearchQuery };

// ---------------------------------------------------------------------------------------------
// The query mix (seeded, identical for every database).

function typo(random: Random, word: string): string {
  if (word.length < 5) return word;
  const i = 1 + Math.floor(random() * (word.length - 2));
  const kind = Math.floor(random() * 3);
  if (kind === 0) return word.slice(0, i) + word.slice(i + 1); // deletion
  if (kind === 1) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // transposition
  return word.slice(0, i) + word[i] + word.slice(i); // doubled letter
}

function makeQueries(reference: Reference, count: number, seed: number): BenchQuery[] {
  const random = seededRandom(seed);
  const categories = listCategories();
  const bigCommunes = [...reference.communes].sort((a, b) => b.population - a.population).slice(0, 300);
  const words = () => {
    const category = pick(random, categories);
    const first = pick(random, category.keywords);
    const r = random();
    if (r < 0.4) return first;
    if (r < 0.8) return `${first} ${pick(random, bigCommunes).name.replace(/ \d+e Arrondissement$/, "")}`;
    return `${first} ${pick(random, ["bureaux", "entreprise", "solidaire", "insertion", "collectivités"])}`;
  };
  const filters = () => {
    const r = random();
    if (r < 0.4) return { categories: [pick(random, categories).slug] };
    if (r < 0.7) return { departments: [pick(random, bigCommunes).departmentCode] };
    if (r < 0.85) return { labels: [pick(random, ["esus", "siae-ei", "ea", "qualiopi"])], verifiedQpvOnly: random() < 0.5 };
    return { categories: [pick(random, categories).slug], departments: [pick(random, bigCommunes).departmentCode] };
  };
  const near = () => {
    const c = pick(random, bigCommunes);
    return { lat: c.lat, lon: c.lon, radiusKm: pick(random, [5, 10, 20, 30]) };
  };
  const page = () => (random() < 0.8 ? 1 : 2 + Math.floor(random() * 3));
  const out: BenchQuery[] = [];
  for (let i = 0; i < count; i++) {
    const r = random();
    if (r < 0.25) out.push({ kind: "texte", query: { q: words(), page: page() } });
    else if (r < 0.4) out.push({ kind: "faute", query: { q: words().split(" ").map((w) => typo(random, w)).join(" ") } });
    else if (r < 0.6) out.push({ kind: "texte+filtres", query: { q: words().split(" ")[0], filters: filters(), page: page() } });
    else if (r < 0.75) out.push({ kind: "rayon", query: { q: random() < 0.5 ? words().split(" ")[0] : undefined, near: near() } });
    else if (r < 0.9) out.push({ kind: "filtres", query: { filters: filters(), sort: random() < 0.3 ? "newest" : "relevance", page: page() } });
    else out.push({ kind: "tri distance", query: { filters: { categories: [pick(random, categories).slug] }, near: near(), sort: "distance" } });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The naive baseline: ILIKE '%word%' on name or description for every word, same filters, no facets.

function baselineStatement(query: SearchQuery): SQL {
  const where: SQL[] = [sql`TRUE`];
  for (const word of (query.q ?? "").split(/\s+/).filter(Boolean)) {
    const pattern = `%${word.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(d.name ILIKE ${pattern} OR d.description ILIKE ${pattern})`);
  }
  const f = query.filters ?? {};
  const list = (values: string[]) => sql`ARRAY(SELECT jsonb_array_elements_text(${JSON.stringify(values)}::jsonb))`;
  if (f.categories?.length) where.push(sql`d.categories && ${list(f.categories)}`);
  if (f.labels?.length) where.push(sql`d.labels && ${list(f.labels)}`);
  if (f.departments?.length) where.push(sql`d.department_code = ANY(${list(f.departments)})`);
  if (f.verifiedQpvOnly) where.push(sql`d.qpv_status = 'verified'`);
  const distance = query.near ? sql`earth_distance(ll_to_earth(d.lat, d.lon), ll_to_earth(${query.near.lat}::float8, ${query.near.lon}::float8))` : sql`NULL::float8`;
  if (query.near?.radiusKm) where.push(sql`${distance} <= ${query.near.radiusKm * 1000}::float8`);
  const order = query.sort === "distance" ? sql`${distance}, d.id` : query.sort === "newest" ? sql`d.created_at DESC, d.id` : sql`d.completeness DESC, d.id`;
  const { perPage, offset } = pagination(query);
  return sql`SELECT p.doc, count(*) OVER () AS total FROM search_documents d JOIN search_payloads p ON p.id = d.id WHERE ${sql.join(where, sql` AND `)} ORDER BY ${order} LIMIT ${perPage}::int OFFSET ${offset}::int`;
}

// ---------------------------------------------------------------------------------------------
// Measurement.

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

type Stats = { p50: number; p95: number; p99: number; mean: number };

function stats(samples: number[]): Stats {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), mean: samples.reduce((a, b) => a + b, 0) / samples.length };
}

async function time<T>(run: () => Promise<T>): Promise<number> {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

const ms = (n: number) => n.toFixed(1).padStart(8);

type Outcome = { target: string; load: number; engine: Stats; baseline: Stats; byKind: Map<Kind, Stats>; zeroHits: number };

async function benchmark(target: "pglite" | "postgres", handle: DatabaseHandle, queries: BenchQuery[], reference: Reference, reuse = false): Promise<Outcome> {
  const db: Executor = handle.db;
  const engine = createPostgresEngine(db);
  if (reuse && (await engine.count()) === COUNT) return measure(target, db, engine, queries, 0);
  await engine.clear();
  const progress = stderrProgress(`[${target}] chargement`);
  const loadStart = performance.now();
  let loaded = 0;
  for (const batch of generateSuppliers(reference, { count: COUNT, seed: SEED, batchSize: 2000 })) {
    await engine.index(batch);
    loaded += batch.length;
    progress(loaded, COUNT);
  }
  progress.done();
  // VACUUM too: it merges the GIN pending lists a bulk load leaves (autovacuum would, later).
  for (const table of ["search_documents", "search_payloads", "search_vocabulary", "search_vocabulary_trigrams", "search_facet_labels"]) await db.execute(sql.raw(`VACUUM ANALYZE ${table}`));
  const load = (performance.now() - loadStart) / 1000;
  console.log(`[${target}] ${loaded.toLocaleString("fr-FR")} fournisseurs indexés en ${load.toFixed(1)} s (${await engine.count()} en base).`);
  return measure(target, db, engine, queries, load);
}

async function measure(target: string, db: Executor, engine: ReturnType<typeof createPostgresEngine>, queries: BenchQuery[], load: number): Promise<Outcome> {

  // Warm-up: caches, plans, the facet cache; not measured.
  for (const q of queries.slice(0, 50)) await engine.search(q.query);

  const samples: number[] = [];
  const slow: { elapsed: number; total: number; q: BenchQuery }[] = [];
  const kinds = new Map<Kind, number[]>();
  let zeroHits = 0;
  const run = stderrProgress(`[${target}] requêtes`);
  for (const [i, q] of queries.entries()) {
    let total = 0;
    const elapsed = await time(async () => {
      total = (await engine.search(q.query)).total;
    });
    if (total === 0) zeroHits++;
    samples.push(elapsed);
    slow.push({ elapsed, total, q });
    kinds.set(q.kind, [...(kinds.get(q.kind) ?? []), elapsed]);
    if (i % 50 === 0) run(i, queries.length);
  }
  run.done();
  for (const s of slow.sort((a, b) => b.elapsed - a.elapsed).slice(0, SLOWEST)) {
    console.log(`${ms(s.elapsed)} ms ${String(s.total).padStart(7)} rés. ${s.q.kind.padEnd(14)} ${JSON.stringify(s.q.query)}`);
  }
  const baseline: number[] = [];
  const naive = stderrProgress(`[${target}] référence ILIKE`);
  for (const [i, q] of queries.entries()) {
    baseline.push(await time(() => rows(db, baselineStatement(q.query))));
    if (i % 20 === 0) naive(i, queries.length);
  }
  naive.done();
  return { target, load, engine: stats(samples), baseline: stats(baseline), byKind: new Map([...kinds].map(([k, v]) => [k, stats(v)])), zeroHits };
}

function report(o: Outcome): void {
  const goal = TARGETS[o.target as keyof typeof TARGETS];
  console.log(`\n== ${o.target} : ${QUERIES} requêtes, ${COUNT.toLocaleString("fr-FR")} fournisseurs (chargement ${o.load.toFixed(1)} s)`);
  console.log(`${"".padEnd(26)}${"p50 ms".padStart(8)}${"p95 ms".padStart(8)}${"p99 ms".padStart(8)}${"moy. ms".padStart(8)}`);
  console.log(`${"moteur (service)".padEnd(26)}${ms(o.engine.p50)}${ms(o.engine.p95)}${ms(o.engine.p99)}${ms(o.engine.mean)}`);
  for (const [kind, s] of o.byKind) console.log(`${`  dont ${kind}`.padEnd(26)}${ms(s.p50)}${ms(s.p95)}${ms(s.p99)}${ms(s.mean)}`);
  console.log(`${"référence ILIKE naïve".padEnd(26)}${ms(o.baseline.p50)}${ms(o.baseline.p95)}${ms(o.baseline.p99)}${ms(o.baseline.mean)}`);
  console.log(`ratio référence / moteur : p50 × ${(o.baseline.p50 / o.engine.p50).toFixed(1)}, p95 × ${(o.baseline.p95 / o.engine.p95).toFixed(1)}, p99 × ${(o.baseline.p99 / o.engine.p99).toFixed(1)}`);
  console.log(`(la référence ne calcule ni facettes, ni fautes de frappe, ni racines ; ${o.zeroHits} requêtes du moteur sans résultat)`);
  console.log(`objectif p95 ≤ ${goal} ms : ${o.engine.p95 <= goal ? "atteint" : "NON atteint"}`);
}

type Prepare = (db: Executor) => Promise<{ queries: BenchQuery[]; reference: Reference }>;

async function withPglite(prepare: Prepare): Promise<Outcome> {
  const handle = await openDatabase({ driver: "pglite" });
  try {
    await runMigrations(handle);
    await loadReferenceData(handle.db);
    const { queries, reference } = await prepare(handle.db);
    return await benchmark("pglite", handle, queries, reference);
  } finally {
    await handle.close();
  }
}

async function postgresReachable(url: string): Promise<boolean> {
  const probe = postgres(url, { max: 1, connect_timeout: 3, onnotice: () => {} });
  try {
    await probe`SELECT 1`;
    return true;
  } catch {
    return false;
  } finally {
    await probe.end({ timeout: 1 });
  }
}

async function withPostgres(url: string, prepare: Prepare): Promise<Outcome> {
  const admin = postgres(url, { max: 1, onnotice: () => {} });
  const reuse = KEEP !== "" && (await admin`SELECT 1 FROM pg_database WHERE datname = ${BENCH_DB}`).length > 0;
  if (!reuse) {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
    await admin.unsafe(`CREATE DATABASE "${BENCH_DB}"`);
  }
  // JIT compilation costs 100-1000 ms per search statement here (estimates over 100k rows): off for the
  // search connection, as db/client.ts should do for the app (see the report).
  const handle = await openDatabase({ driver: "postgres", url: `${withDatabase(url, BENCH_DB)}?jit=off`, max: 2 });
  try {
    await runMigrations(handle);
    if (!reuse) await loadReferenceData(handle.db);
    const { queries, reference } = await prepare(handle.db);
    return await benchmark("postgres", handle, queries, reference, reuse);
  } finally {
    await handle.close();
    if (!KEEP) await admin.unsafe(`DROP DATABASE IF EXISTS "${BENCH_DB}" WITH (FORCE)`);
    await admin.end();
  }
}

async function main(): Promise<void> {
  const cpus = os.cpus();
  console.log(`Machine : ${cpus[0]?.model ?? "?"} × ${cpus.length}, ${(os.totalmem() / 2 ** 30).toFixed(1)} Gio, ${os.platform()} ${os.release()}, Node ${process.version}`);
  // The query mix is drawn from the reference once, so both databases answer the same queries.
  let shared: { queries: BenchQuery[]; reference: Reference } | undefined;
  const prepare: Prepare = async (db) => {
    if (!shared) {
      const reference = await loadGeneratorReference(db);
      shared = { reference, queries: makeQueries(reference, QUERIES, SEED + 1) };
    }
    return shared;
  };
  if (ONLY !== "postgres") report(await withPglite(prepare));
  if (ONLY !== "pglite") {
    const url = process.env.DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
    if (await postgresReachable(url)) report(await withPostgres(url, prepare));
    else console.log(`\nPostgreSQL injoignable (${new URL(url).host}) : banc PostgreSQL sauté.`);
  }
}

await main();
