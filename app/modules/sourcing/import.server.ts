// Supplier CSV import: preview (parse only, no write) and import (one transaction, all or
// nothing). Parsing and per-row French errors live in app/modules/suppliers/csv-import.ts; this
// module resolves the reference data, upserts by SIRET and records what must follow (audit log,
// search index through the outbox, link to the club).
//
// Writes are set-based: one SELECT finds the existing profiles of every SIRET in the file, then
// each chunk of rows is written with a handful of INSERT … SELECT FROM json_to_recordset(…)
// statements (a single round trip each, much faster than row-by-row on PGlite).
import { createHash } from "node:crypto";
import { and, eq, lt, sql } from "drizzle-orm";
import { rows as queryRows, type Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { clubs, suppliers, uploads } from "../../../db/schema";
import { isGenericNaf, suggestCategories, suggestCategoriesForText } from "../suppliers/categories";
import {
  parseSupplierCsv,
  rejectedRowsCsv,
  summarizeImport,
  type ImportSummary,
  type ParsedRow,
  type ParseResult,
  type SupplierImportRecord,
} from "../suppliers/csv-import";
import { loadImportLookups } from "./lookups.server";
import { DomainError } from "~/lib/errors";
import { slugify } from "~/lib/text";

/** What the upload form accepts; the route's multipart handler enforces the same limit. */
export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;
const CHUNK_SIZE = 500;

export type ImportPreview = ParseResult & {
  summary: ImportSummary;
  /** Kept rows whose SIRET already has a profile: they will be updated or left unchanged. */
  existing: number;
};

export type ImportResult = {
  created: number;
  updated: number;
  unchanged: number;
  rejected: number;
  /** Earlier lines of a SIRET that appears twice (the last one wins): not rejected, not counted above. */
  merged: number;
  /** Profiles newly linked to the club (0 without a club). */
  linked: number;
  rejectionReasons: Record<string, number>;
  /** Rejected rows with their reason in a `motif_rejet` column, in the file's own delimiter. */
  rejectedCsv: string;
};

export type ImportProgress = (done: number, total: number) => void | Promise<void>;

function parse(bytes: Uint8Array, lookups: Awaited<ReturnType<typeof loadImportLookups>>): ParseResult {
  const result = parseSupplierCsv(bytes, lookups);
  if (result.headerErrors.length) throw new DomainError("invalid", result.headerErrors.join(" "), { field: "file" });
  return result;
}

/** Parses the file against the reference data and says what an import would do. Writes nothing. */
export async function previewSupplierImport(bytes: Uint8Array, executor: Executor = db): Promise<ImportPreview> {
  const result = parseSupplierCsv(bytes, await loadImportLookups(executor));
  const sirets = result.rows.flatMap((r) => (r.value ? [r.value.siret] : []));
  const [row] = sirets.length
    ? await queryRows<{ n: number }>(
        executor,
        sql`SELECT count(*)::int AS n FROM suppliers WHERE siret IN (SELECT json_array_elements_text(${JSON.stringify(sirets)}::json))`,
      )
    : [];
  return { ...result, summary: summarizeImport(result.rows), existing: Number(row?.n ?? 0) };
}

// ---------- what a row writes ----------

/** The profile columns an import sets, keyed as in the database (json_to_recordset matches on them). */
type ImportedColumns = {
  legal_name: string;
  trade_name: string | null;
  legal_form: string | null;
  naf_code: string | null;
  headcount_band: string | null;
  description: string;
  categories: string[];
  labels: string[];
  structure_types: string[];
  website: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  commune_insee: string | null;
  lat: number | null;
  lon: number | null;
};

const COLUMN_TYPES: Record<keyof ImportedColumns, string> = {
  legal_name: "text",
  trade_name: "text",
  legal_form: "text",
  naf_code: "text",
  headcount_band: "text",
  description: "text",
  categories: "text[]",
  labels: "text[]",
  structure_types: "text[]",
  website: "text",
  email: "text",
  phone: "text",
  address: "text",
  commune_insee: "text",
  lat: "float8",
  lon: "float8",
};
const COLUMNS = Object.keys(COLUMN_TYPES) as (keyof ImportedColumns)[];
const SCALARS = COLUMNS.filter((c) => !COLUMN_TYPES[c].endsWith("[]") && c !== "lat" && c !== "lon");

/**
 * Categories suggested from the NAF code and the company's own words. A catch-all NAF code
 * (associations, "action sociale n.c.a."…) says nothing about what the company sells: for those,
 * only the text counts.
 */
export function importedCategories(record: Pick<SupplierImportRecord, "nafCode" | "legalName" | "tradeName" | "description">): string[] {
  const text = [record.legalName, record.tradeName, record.description].filter(Boolean).join(" ");
  if (record.nafCode && isGenericNaf(record.nafCode)) return suggestCategoriesForText(text);
  return suggestCategories({ nafCode: record.nafCode, text });
}

function columnsOf(record: SupplierImportRecord): ImportedColumns {
  return {
    legal_name: record.legalName,
    trade_name: record.tradeName,
    legal_form: record.legalForm,
    naf_code: record.nafCode,
    headcount_band: record.headcountBand,
    description: record.description ?? "",
    categories: importedCategories(record),
    labels: record.labels,
    structure_types: record.structureTypes,
    website: record.website,
    email: record.email,
    phone: record.phone,
    address: record.address,
    commune_insee: record.communeInsee,
    lat: record.latitude,
    lon: record.longitude,
  };
}

/** Whether the file itself gave valid coordinates (the parser falls back on the commune's). */
function fileHasCoordinates(row: ParsedRow): boolean {
  const num = (s: string | undefined) => (s ? Number(s.replace(",", ".")) : Number.NaN);
  return num(row.raw.latitude) === row.value?.latitude && num(row.raw.longitude) === row.value?.longitude;
}

type ExistingSupplier = typeof suppliers.$inferSelect;

function existingColumns(s: ExistingSupplier): ImportedColumns {
  return {
    legal_name: s.legalName,
    trade_name: s.tradeName,
    legal_form: s.legalForm,
    naf_code: s.nafCode,
    headcount_band: s.headcountBand,
    description: s.description,
    categories: s.categories,
    labels: s.labels,
    structure_types: s.structureTypes,
    website: s.website,
    email: s.email,
    phone: s.phone,
    address: s.address,
    commune_insee: s.communeInsee,
    lat: s.lat,
    lon: s.lon,
  };
}

const isEmpty = (v: unknown) => v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0);
const union = (a: string[], b: string[]) => [...new Set([...a, ...b])];

/**
 * What an existing profile becomes. Only what the file provides is written. An unclaimed profile
 * takes the file's values (labels and structure types accumulate); a claimed one belongs to its
 * company: the file only fills what is still empty.
 */
export function mergeImported(current: ImportedColumns, incoming: ImportedColumns, options: { claimed: boolean; fileCoordinates: boolean }) {
  const next: ImportedColumns = { ...current };
  for (const column of SCALARS) {
    const value = incoming[column];
    if (isEmpty(value)) continue;
    if (!options.claimed || isEmpty(current[column])) (next as Record<string, unknown>)[column] = value;
  }
  if (options.claimed) {
    for (const column of ["categories", "labels", "structure_types"] as const) {
      if (isEmpty(current[column])) next[column] = incoming[column];
    }
  } else {
    if (incoming.categories.length) next.categories = incoming.categories;
    next.labels = union(current.labels, incoming.labels);
    next.structure_types = union(current.structure_types, incoming.structure_types);
  }
  // Coordinates: the file's own when it gives them; the commune's centroid when the commune
  // changed or none are known yet.
  const placeMissing = current.lat === null || current.lon === null;
  const moved = next.commune_insee !== current.commune_insee;
  if (incoming.lat !== null && incoming.lon !== null) {
    const take = options.claimed ? placeMissing : options.fileCoordinates || moved || placeMissing;
    if (take) {
      next.lat = incoming.lat;
      next.lon = incoming.lon;
    }
  }
  const changed = COLUMNS.filter((c) => JSON.stringify(next[c]) !== JSON.stringify(current[c]));
  return { next, changed };
}

// ---------- slugs ----------

/**
 * Free slugs for many new organisations in one query, with the rule of uniqueOrganisationSlug
 * (organisations.server.ts): "boulangerie-martin", then "boulangerie-martin-2"…
 */
async function allocateSlugs(tx: Executor, names: string[]): Promise<string[]> {
  const bases = names.map((n) => slugify(n));
  if (!bases.length) return [];
  const list = JSON.stringify([...new Set(bases)]);
  const taken = await queryRows<{ slug: string }>(
    tx,
    sql`WITH b(base) AS (SELECT json_array_elements_text(${list}::json))
        SELECT slug FROM organisations WHERE slug IN (SELECT base FROM b) OR regexp_replace(slug, '-[0-9]+$', '') IN (SELECT base FROM b)
        UNION
        SELECT slug FROM suppliers WHERE slug IN (SELECT base FROM b) OR regexp_replace(slug, '-[0-9]+$', '') IN (SELECT base FROM b)`,
  );
  const used = new Set(taken.map((t) => t.slug));
  return bases.map((base) => {
    let slug = base;
    for (let i = 2; used.has(slug); i++) slug = `${base}-${i}`;
    used.add(slug);
    return slug;
  });
}

// ---------- import ----------

const recordset = (columns: Record<string, string>) =>
  sql.raw(
    Object.entries(columns)
      .map(([name, type]) => `${name} ${type}`)
      .join(", "),
  );

type NewSupplier = ImportedColumns & { siret: string; slug: string; name: string; line: number };
type ChangedSupplier = ImportedColumns & { id: string; organisation_id: string; claimed: boolean; changed: string[]; line: number; name: string };

async function writeChunk(
  tx: Executor,
  input: { created: NewSupplier[]; updated: ChangedSupplier[]; keptIds: string[]; clubId?: string; actorId: string | null; now: Date },
): Promise<{ createdIds: string[]; linked: number }> {
  const now = input.now.toISOString();
  let createdIds: string[] = [];
  if (input.created.length) {
    const organisations = await queryRows<{ id: string; slug: string }>(
      tx,
      sql`INSERT INTO organisations (kind, name, slug, created_at)
          SELECT 'supplier', x.name, x.slug, ${now}::timestamptz FROM json_to_recordset(${JSON.stringify(input.created.map((c) => ({ name: c.name, slug: c.slug })))}::json) AS x(name text, slug text)
          RETURNING id, slug`,
    );
    const orgBySlug = new Map(organisations.map((o) => [o.slug, o.id]));
    const rowsJson = JSON.stringify(input.created.map((c) => ({ ...c, organisation_id: orgBySlug.get(c.slug) })));
    const columns = { organisation_id: "uuid", slug: "text", siret: "text", ...COLUMN_TYPES };
    const names = Object.keys(columns).join(", ");
    const inserted = await queryRows<{ id: string; siret: string }>(
      tx,
      sql`INSERT INTO suppliers (${sql.raw(names)}, created_at, updated_at)
          SELECT ${sql.raw(Object.keys(columns).map((c) => `x.${c}`).join(", "))}, ${now}::timestamptz, ${now}::timestamptz
          FROM json_to_recordset(${rowsJson}::json) AS x(${recordset(columns)})
          RETURNING id, siret`,
    );
    const idBySiret = new Map(inserted.map((r) => [r.siret, r.id]));
    createdIds = input.created.map((c) => idBySiret.get(c.siret)!);
  }
  if (input.updated.length) {
    const columns = { id: "uuid", ...COLUMN_TYPES };
    await tx.execute(
      sql`UPDATE suppliers s SET ${sql.raw(COLUMNS.map((c) => `${c} = x.${c}`).join(", "))}, updated_at = ${now}::timestamptz
          FROM json_to_recordset(${JSON.stringify(input.updated)}::json) AS x(${recordset(columns)})
          WHERE s.id = x.id`,
    );
    // An unclaimed profile's organisation follows the company's name; a claimed one is its owner's.
    const renamed = input.updated.filter((u) => !u.claimed && (u.changed.includes("legal_name") || u.changed.includes("trade_name")));
    if (renamed.length) {
      await tx.execute(
        sql`UPDATE organisations o SET name = x.name
            FROM json_to_recordset(${JSON.stringify(renamed.map((r) => ({ id: r.organisation_id, name: r.name })))}::json) AS x(id uuid, name text)
            WHERE o.id = x.id AND o.name <> x.name`,
      );
    }
  }
  const audit = [
    ...input.created.map((c, i) => ({ supplier_id: createdIds[i], action: "imported", details: { line: c.line, ...(input.clubId ? { clubId: input.clubId } : {}) } })),
    ...input.updated.map((u) => ({ supplier_id: u.id, action: "import_updated", details: { line: u.line, fields: u.changed, ...(input.clubId ? { clubId: input.clubId } : {}) } })),
  ];
  if (audit.length) {
    await tx.execute(
      sql`INSERT INTO supplier_audit_log (supplier_id, actor_id, action, details, created_at)
          SELECT x.supplier_id, ${input.actorId}, x.action, x.details, ${now}::timestamptz
          FROM json_to_recordset(${JSON.stringify(audit)}::json) AS x(supplier_id uuid, action text, details jsonb)`,
    );
    // The outbox entries enqueue() writes, for every profile created or changed, in one statement.
    await tx.execute(
      sql`INSERT INTO outbox (kind, payload)
          SELECT 'search.supplier_changed', jsonb_build_object('supplierId', x.id)
          FROM json_array_elements_text(${JSON.stringify(audit.map((a) => a.supplier_id))}::json) AS x(id)`,
    );
  }
  let linked = 0;
  const linkIds = [...input.keptIds, ...createdIds];
  if (input.clubId && linkIds.length) {
    const links = await queryRows<{ supplier_id: string }>(
      tx,
      sql`INSERT INTO club_suppliers (club_id, supplier_id, source, created_at)
          SELECT ${input.clubId}::uuid, x.id::uuid, 'import', ${now}::timestamptz FROM json_array_elements_text(${JSON.stringify(linkIds)}::json) AS x(id)
          ON CONFLICT DO NOTHING
          RETURNING supplier_id`,
    );
    linked = links.length;
  }
  return { createdIds, linked };
}

/**
 * Imports a supplier CSV: each kept row is upserted by SIRET (a new profile gets an organisation of
 * kind "supplier" with no member: unclaimed), linked to the club when one is given, written to the
 * audit log and to the outbox. One transaction: if anything throws (including `onProgress`),
 * nothing is written. Re-importing the same file changes nothing.
 */
export async function importSuppliers(input: {
  bytes: Uint8Array;
  clubId?: string;
  actorId?: string;
  onProgress?: ImportProgress;
  now?: Date;
}): Promise<ImportResult> {
  const now = input.now ?? new Date();
  const parsed = parse(input.bytes, await loadImportLookups());
  const kept = parsed.rows.filter((r): r is ParsedRow & { value: SupplierImportRecord } => Boolean(r.value));
  const summary = summarizeImport(parsed.rows);
  const total = kept.length;

  const counts = await db.transaction(async (tx) => {
    // Imports run one at a time: two files carrying the same new SIRET cannot race.
    await tx.execute(sql`SELECT pg_advisory_xact_lock(hashtext('proxima:supplier-import'))`);
    if (input.clubId) {
      const [club] = await tx.select({ id: clubs.organisationId }).from(clubs).where(eq(clubs.organisationId, input.clubId));
      if (!club) throw new DomainError("not_found", "Ce club n'existe pas.");
    }
    const sirets = JSON.stringify(kept.map((r) => r.value.siret));
    const existingRows = total
      ? await tx
          .select()
          .from(suppliers)
          .where(sql`${suppliers.siret} IN (SELECT json_array_elements_text(${sirets}::json))`)
          .for("update")
      : [];
    const existingBySiret = new Map(existingRows.map((s) => [s.siret, s]));

    const fresh = kept.filter((r) => !existingBySiret.has(r.value.siret));
    const slugs = await allocateSlugs(
      tx,
      fresh.map((r) => r.value.tradeName ?? r.value.legalName),
    );
    const slugBySiret = new Map(fresh.map((r, i) => [r.value.siret, slugs[i]!]));

    let created = 0;
    let updated = 0;
    let unchanged = 0;
    let linked = 0;
    for (let start = 0; start < total; start += CHUNK_SIZE) {
      const chunk = kept.slice(start, start + CHUNK_SIZE);
      const toCreate: NewSupplier[] = [];
      const toUpdate: ChangedSupplier[] = [];
      const keptIds: string[] = [];
      for (const row of chunk) {
        const incoming = columnsOf(row.value);
        const current = existingBySiret.get(row.value.siret);
        if (!current) {
          const slug = slugBySiret.get(row.value.siret)!;
          toCreate.push({ ...incoming, siret: row.value.siret, slug, name: row.value.tradeName ?? row.value.legalName, line: row.line });
          continue;
        }
        keptIds.push(current.id);
        const claimed = current.claimedAt !== null;
        const { next, changed } = mergeImported(existingColumns(current), incoming, { claimed, fileCoordinates: fileHasCoordinates(row) });
        if (changed.length) {
          toUpdate.push({ ...next, id: current.id, organisation_id: current.organisationId, claimed, changed, line: row.line, name: next.trade_name ?? next.legal_name });
        } else unchanged++;
      }
      const written = await writeChunk(tx, { created: toCreate, updated: toUpdate, keptIds, clubId: input.clubId, actorId: input.actorId ?? null, now });
      created += toCreate.length;
      updated += toUpdate.length;
      linked += written.linked;
      await input.onProgress?.(Math.min(start + CHUNK_SIZE, total), total);
    }
    return { created, updated, unchanged, linked };
  });

  return {
    ...counts,
    rejected: summary.rejected,
    merged: summary.merged,
    rejectionReasons: summary.rejectionReasons,
    rejectedCsv: rejectedRowsCsv(parsed.rows, { delimiter: parsed.delimiter }),
  };
}

// ---------- the uploaded file between preview and import ----------

/** Keeps the uploaded file in the database (scoped to the club) so that the confirm step re-reads it. */
export async function saveImportUpload(input: { clubId: string; filename: string | null; bytes: Uint8Array }): Promise<string> {
  if (input.bytes.length === 0) throw new DomainError("invalid", "Le fichier est vide.", { field: "file" });
  if (input.bytes.length > MAX_IMPORT_BYTES) throw new DomainError("invalid", "Le fichier dépasse 10 Mo.", { field: "file" });
  const [row] = await db
    .insert(uploads)
    .values({
      organisationId: input.clubId,
      kind: "import",
      mime: "text/csv",
      size: input.bytes.length,
      sha256: createHash("sha256").update(input.bytes).digest("hex"),
      filename: input.filename?.slice(0, 200) || null,
      bytes: Buffer.from(input.bytes),
    })
    .returning({ id: uploads.id });
  return row!.id;
}

/** How long an uploaded import file waits for its confirmation before the daily job deletes it. */
export const IMPORT_UPLOAD_TTL_DAYS = 7;

/** Deletes the import files uploaded more than IMPORT_UPLOAD_TTL_DAYS ago (imported or not: the suppliers are in the database). */
export async function pruneImportUploads(now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - IMPORT_UPLOAD_TTL_DAYS * 86_400_000);
  const gone = await db.delete(uploads).where(and(eq(uploads.kind, "import"), lt(uploads.createdAt, cutoff))).returning({ id: uploads.id });
  return gone.length;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The club's uploaded import file, or undefined (another club's file is not found either). */
export async function findImportUpload(input: { clubId: string; uploadId: string }) {
  if (!UUID.test(input.uploadId)) return undefined;
  const [row] = await db
    .select({ id: uploads.id, filename: uploads.filename, bytes: uploads.bytes, createdAt: uploads.createdAt })
    .from(uploads)
    .where(and(eq(uploads.id, input.uploadId), eq(uploads.organisationId, input.clubId), eq(uploads.kind, "import")));
  return row ? { ...row, bytes: new Uint8Array(row.bytes) } : undefined;
}

async function requireImportUpload(input: { clubId: string; uploadId: string }) {
  const upload = await findImportUpload(input);
  if (!upload) throw new DomainError("not_found", "Ce fichier n'existe plus : déposez-le à nouveau.");
  return upload;
}

export async function previewImportUpload(input: { clubId: string; uploadId: string }) {
  const upload = await requireImportUpload(input);
  return { upload: { id: upload.id, filename: upload.filename }, preview: await previewSupplierImport(upload.bytes) };
}

/** The confirm step: imports the club's stored file into the club. */
export async function importUploadedFile(input: { clubId: string; uploadId: string; actorId: string; now?: Date }) {
  const upload = await requireImportUpload(input);
  return importSuppliers({ bytes: upload.bytes, clubId: input.clubId, actorId: input.actorId, now: input.now });
}

/** Rejected rows of the club's stored file, with their reasons, for download. */
export async function rejectedRowsOfUpload(input: { clubId: string; uploadId: string }) {
  const upload = await requireImportUpload(input);
  const parsed = parseSupplierCsv(upload.bytes, await loadImportLookups());
  const base = (upload.filename ?? "import").replace(/\.csv$/i, "").replace(/[^\w.-]+/g, "_");
  return { filename: `${base}.rejets.csv`, csv: rejectedRowsCsv(parsed.rows, { delimiter: parsed.delimiter }) };
}
