// Parsing of supplier CSV files (the SIAE registry layout, or a club's own file with
// the same headers). Pure: the reference lookups (communes, NAF) are injected, the
// caller decides what to write. Every problem is reported per line, in French.
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { toCsv } from "../../lib/csv-write";
import { normalizeNafCode, suggestCategories } from "./categories";
import { labelsForStructureType, normalizeStructureType } from "./labels";
import { normalizeSiret, siretError } from "./siret";

export interface Commune {
  inseeCode: string;
  name: string;
  latitude?: number | null;
  longitude?: number | null;
}

export interface ImportLookups {
  communeByInsee(code: string): Commune | undefined;
  /** `name` is passed as written in the file; compare it with `communeNameKey`. */
  communeByPostalAndName(postalCode: string, name: string): Commune | undefined;
  /**
   * Optional fallback for CEDEX and other postal codes that no commune carries:
   * the one commune of that department with that name, if exactly one.
   */
  communeByDepartmentAndName?(departmentCode: string, name: string): Commune | undefined;
  nafExists(code: string): boolean;
}

export interface SupplierImportRecord {
  siret: string;
  siren: string;
  legalName: string;
  tradeName: string | null;
  /** Normalized `type_structure` values (ACI, EI…); several after merging duplicates. */
  structureTypes: string[];
  labels: string[];
  nafCode: string | null;
  suggestedCategories: string[];
  legalForm: string | null;
  address: string | null;
  postalCode: string | null;
  communeInsee: string;
  communeName: string;
  latitude: number | null;
  longitude: number | null;
  website: string | null;
  /** INSEE headcount band kept as written ("20 à 49 salariés"). */
  headcountBand: string | null;
  description: string | null;
  email: string | null;
  phone: string | null;
}

export interface ParsedRow {
  /** Line of the file where the record starts (the header is line 1). */
  line: number;
  raw: Record<string, string>;
  value?: SupplierImportRecord;
  errors: string[];
  warnings: string[];
  /** Set on an earlier occurrence of a SIRET: the line whose record replaced it. */
  mergedInto?: number;
}

export interface ParseResult {
  rows: ParsedRow[];
  headerErrors: string[];
  headerWarnings: string[];
  delimiter: "," | ";";
}

export const SUPPLIER_CSV_COLUMNS = [
  "siret",
  "raison_sociale",
  "enseigne",
  "type_structure",
  "code_naf",
  "forme_juridique",
  "adresse",
  "code_postal",
  "commune",
  "code_insee_commune",
  "latitude",
  "longitude",
  "site_web",
  "effectif",
  "description",
  "email",
  "telephone",
] as const;

type Column = (typeof SUPPLIER_CSV_COLUMNS)[number];

/** Other spellings seen in hand-made files, after `headerKey` folding. */
const HEADER_ALIASES: Readonly<Record<string, Column>> = {
  nom: "raison_sociale",
  denomination: "raison_sociale",
  nom_commercial: "enseigne",
  naf: "code_naf",
  code_ape: "code_naf",
  ape: "code_naf",
  code_insee: "code_insee_commune",
  insee: "code_insee_commune",
  cp: "code_postal",
  ville: "commune",
  site: "site_web",
  site_internet: "site_web",
  web: "site_web",
  e_mail: "email",
  mail: "email",
  courriel: "email",
  tel: "telephone",
  telephone_fixe: "telephone",
  telephone_portable: "telephone",
  tranche_effectif: "effectif",
};

// ---------- decoding ----------

/** UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252 (Excel's "CSV" in France). */
export function decodeCsvBytes(buf: Uint8Array): string {
  if (buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) {
    return new TextDecoder("utf-8").decode(buf.subarray(3));
  }
  if (buf[0] === 0xff && buf[1] === 0xfe) return new TextDecoder("utf-16le").decode(buf.subarray(2));
  if (buf[0] === 0xfe && buf[1] === 0xff) return new TextDecoder("utf-16be").decode(buf.subarray(2));
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(buf);
  } catch {
    // Invalid UTF-8: almost surely a legacy Windows export.
    return iconv.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.byteLength), "windows-1252");
  }
}

/** "," or ";", whichever occurs more often outside quotes on the first line (header). */
export function detectDelimiter(text: string): "," | ";" {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === "\n" || ch === "\r")) break;
    else if (!quoted && ch === ",") commas++;
    else if (!quoted && ch === ";") semicolons++;
  }
  return semicolons > commas ? ";" : ",";
}

// ---------- small normalizers ----------

/** Header cell → column key: lower case, no accents, words joined by "_". */
export function headerKey(header: string): string {
  return header
    .replace(/^\uFEFF/, "")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "_")
    .replace(/^_|_$/g, "");
}

/**
 * Comparison key for commune names: no accents or case, "St"/"Ste" spelled out,
 * CEDEX suffix dropped, punctuation as spaces ("ST-ETIENNE CEDEX 1" = "Saint-Étienne").
 */
export function communeNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .replace(/\bcedex\b.*$/, "")
    .replace(/\bste\b/g, "sainte")
    .replace(/\bst\b/g, "saint")
    .replace(/\s+/g, " ")
    .trim();
}

/** Spreadsheets drop leading zeros: "1001" → "01001" for INSEE and postal codes. */
function padCode(code: string): string {
  return /^\d{4}$/.test(code) ? `0${code}` : code;
}

/** Department of a postal code: 2 digits, 3 overseas (97x), Corsica 20xxx → 2A/2B left to the lookup. */
function departmentOfPostalCode(postal: string): string {
  return postal.startsWith("97") ? postal.slice(0, 3) : postal.slice(0, 2);
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]{2,}$/;

/** French numbers to +33…, international ones kept with their "+"; null when not a phone number. */
export function normalizePhone(input: string): string | null {
  const compact = input.replace(/[\s.\-()\u00a0]/g, "");
  if (/^0[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(1)}`;
  if (/^(\+|00)33[1-9]\d{8}$/.test(compact)) return `+33${compact.slice(-9)}`;
  if (/^\+\d{8,15}$/.test(compact)) return compact;
  if (/^00\d{8,15}$/.test(compact)) return `+${compact.slice(2)}`;
  return null;
}

/** Adds https:// when no scheme is given; null when the result is not an http(s) URL with a dotted host. */
export function normalizeWebsite(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed === "") return null;
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
  try {
    const url = new URL(withScheme);
    if (url.protocol !== "http:" && url.protocol !== "https:") return null;
    if (!url.hostname.includes(".")) return null;
    return url.href;
  } catch {
    return null;
  }
}

function parseCoordinate(input: string, limit: number): number | null {
  if (input === "") return null;
  const n = Number(input.replace(",", "."));
  return Number.isFinite(n) && Math.abs(n) <= limit ? n : null;
}

function orNull(s: string | undefined): string | null {
  const t = s?.trim() ?? "";
  return t === "" ? null : t;
}

// ---------- header ----------

interface HeaderMap {
  /** column → index in the record */
  index: Partial<Record<Column, number>>;
  errors: string[];
  warnings: string[];
}

function mapHeader(cells: string[]): HeaderMap {
  const index: Partial<Record<Column, number>> = {};
  const warnings: string[] = [];
  const known = new Set<string>(SUPPLIER_CSV_COLUMNS);
  cells.forEach((cell, i) => {
    const key = headerKey(cell);
    const column = (known.has(key) ? key : HEADER_ALIASES[key]) as Column | undefined;
    if (!column) {
      if (key !== "") warnings.push(`Colonne ignorée : « ${cell.trim()} ».`);
      return;
    }
    if (index[column] !== undefined) {
      warnings.push(`Colonne « ${cell.trim()} » présente deux fois : seule la première est lue.`);
      return;
    }
    index[column] = i;
  });

  const errors: string[] = [];
  const missing = (["siret", "raison_sociale"] as const).filter((c) => index[c] === undefined);
  if (missing.length > 0) {
    errors.push(
      missing.length > 1
        ? `Colonnes obligatoires manquantes : ${missing.join(", ")}.`
        : `Colonne obligatoire manquante : ${missing[0]}.`,
    );
  }
  const hasInsee = index.code_insee_commune !== undefined;
  const hasPostalAndName = index.code_postal !== undefined && index.commune !== undefined;
  if (!hasInsee && !hasPostalAndName) {
    errors.push("Il faut une colonne code_insee_commune, ou les colonnes code_postal et commune, pour situer chaque entreprise.");
  }
  return { index, errors, warnings };
}

// ---------- rows ----------

function resolveCommune(
  raw: Record<string, string>,
  lookups: ImportLookups,
): { commune?: Commune; error?: string; warning?: string } {
  const insee = padCode(raw.code_insee_commune ?? "");
  const postal = padCode(raw.code_postal ?? "");
  const name = raw.commune ?? "";
  if (insee === "" && (postal === "" || name === "")) {
    return { error: "Commune manquante (code INSEE, ou code postal et nom de commune)" };
  }
  const byInsee = insee !== "" ? lookups.communeByInsee(insee) : undefined;
  if (byInsee) return { commune: byInsee };

  let byName: Commune | undefined;
  if (postal !== "" && name !== "") {
    byName =
      lookups.communeByPostalAndName(postal, name) ??
      lookups.communeByDepartmentAndName?.(departmentOfPostalCode(postal), name);
  }
  if (byName) {
    return insee !== ""
      ? { commune: byName, warning: `Code INSEE ${insee} inconnu : commune trouvée par son code postal et son nom (${byName.name}, ${byName.inseeCode})` }
      : { commune: byName };
  }
  const parts = [insee && `code INSEE ${insee}`, postal && `code postal ${postal}`, name && `commune « ${name} »`].filter(Boolean);
  return { error: `Commune introuvable (${parts.join(", ")})` };
}

function parseRow(raw: Record<string, string>, lookups: ImportLookups): { value?: SupplierImportRecord; errors: string[]; warnings: string[] } {
  const errors: string[] = [];
  const warnings: string[] = [];

  const siret = normalizeSiret(raw.siret ?? "");
  if (siret === "") errors.push("SIRET manquant");
  else {
    const problem = siretError(siret);
    if (problem?.includes("14 chiffres")) errors.push(`SIRET invalide (14 chiffres attendus) : ${raw.siret}`);
    else if (problem) errors.push("SIRET invalide (clé de contrôle)");
  }

  const legalName = orNull(raw.raison_sociale);
  if (!legalName) errors.push("Raison sociale manquante");

  let nafCode: string | null = null;
  const nafRaw = orNull(raw.code_naf);
  if (nafRaw) {
    const code = normalizeNafCode(nafRaw);
    if (!/^\d{4}[A-Z]$/.test(code) || !lookups.nafExists(code)) errors.push(`Code NAF inconnu : ${nafRaw}`);
    else nafCode = code;
  }

  const { commune, error: communeError, warning: communeWarning } = resolveCommune(raw, lookups);
  if (communeError) errors.push(communeError);
  if (communeWarning) warnings.push(communeWarning);

  const emailRaw = orNull(raw.email);
  const email = emailRaw?.toLowerCase() ?? null;
  if (email && !EMAIL_PATTERN.test(email)) errors.push(`E-mail invalide : ${emailRaw}`);

  const phoneRaw = orNull(raw.telephone);
  const phone = phoneRaw ? normalizePhone(phoneRaw) : null;
  if (phoneRaw && !phone) errors.push(`Téléphone invalide : ${phoneRaw}`);

  const websiteRaw = orNull(raw.site_web);
  const website = websiteRaw ? normalizeWebsite(websiteRaw) : null;
  if (websiteRaw && !website) warnings.push(`Site web ignoré (adresse non valide) : ${websiteRaw}`);

  let latitude = parseCoordinate(raw.latitude ?? "", 90);
  let longitude = parseCoordinate(raw.longitude ?? "", 180);
  if ((raw.latitude || raw.longitude) && (latitude === null || longitude === null)) {
    warnings.push("Coordonnées ignorées (latitude ou longitude non valide)");
  }
  if (latitude === null || longitude === null) {
    // Fall back on the commune's centroid rather than leaving the company off the map.
    latitude = commune?.latitude ?? null;
    longitude = commune?.longitude ?? null;
  }

  if (errors.length > 0 || !commune || !legalName) return { errors, warnings };

  const tradeName = orNull(raw.enseigne);
  const description = orNull(raw.description);
  const structureType = orNull(raw.type_structure);
  return {
    errors,
    warnings,
    value: {
      siret,
      siren: siret.slice(0, 9),
      legalName,
      tradeName,
      structureTypes: structureType ? [normalizeStructureType(structureType)] : [],
      labels: labelsForStructureType(structureType),
      nafCode,
      suggestedCategories: suggestCategories({
        nafCode,
        text: [legalName, tradeName, description].filter(Boolean).join(" "),
      }),
      legalForm: orNull(raw.forme_juridique),
      address: orNull(raw.adresse),
      postalCode: orNull(padCode(raw.code_postal ?? "")),
      communeInsee: commune.inseeCode,
      communeName: commune.name,
      latitude,
      longitude,
      website,
      headcountBand: orNull(raw.effectif),
      description,
      email,
      phone,
    },
  };
}

/**
 * The last occurrence of a SIRET wins (files are usually appended to); it takes the
 * union of structure types and labels, since one establishment may hold several
 * approvals (an AI and an ACI). Earlier occurrences get a warning, no value.
 * A rejected row never replaces an accepted one.
 */
function mergeDuplicateSirets(rows: ParsedRow[]): void {
  const lastBySiret = new Map<string, ParsedRow>();
  for (const row of rows) {
    if (!row.value) continue;
    const previous = lastBySiret.get(row.value.siret);
    if (previous?.value) {
      const union = (a: string[], b: string[]) => [...new Set([...b, ...a])];
      row.value.structureTypes = union(row.value.structureTypes, previous.value.structureTypes);
      row.value.labels = union(row.value.labels, previous.value.labels);
      previous.warnings.push(`SIRET ${row.value.siret} en double : cette ligne est remplacée par la ligne ${row.line}`);
      previous.mergedInto = row.line;
      delete previous.value;
      row.warnings.push(`SIRET en double : cette ligne remplace la ligne ${previous.line}`);
    }
    lastBySiret.set(row.value.siret, row);
  }
}

/** Line where each record starts: csv-parse reports the line where it ends. */
function startLine(endLine: number, raw: string): number {
  const body = raw.replace(/^\n+/, "").replace(/\n$/, "");
  return endLine - (body.match(/\n/g)?.length ?? 0);
}

interface CsvParseEntry {
  record: string[];
  raw: string;
  info: { lines: number };
}

export function parseSupplierCsv(bytes: Uint8Array, lookups: ImportLookups): ParseResult {
  // One line-ending convention, so line numbers and record ends agree.
  const text = decodeCsvBytes(bytes).replace(/\r\n?/g, "\n");
  const delimiter = detectDelimiter(text);
  let entries: CsvParseEntry[];
  try {
    // csv-parse's typings do not follow the `info` and `raw` options: the shape is CsvParseEntry.
    entries = parse(text, {
      delimiter,
      info: true,
      raw: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
    }) as unknown as CsvParseEntry[];
  } catch (error) {
    const line = (error as { lines?: number }).lines;
    return {
      rows: [],
      headerErrors: [`Le fichier n'a pas pu être lu comme un CSV${line ? ` (vers la ligne ${line})` : ""}. Vérifiez les guillemets, ou enregistrez-le à nouveau au format CSV.`],
      headerWarnings: [],
      delimiter,
    };
  }
  const [headerEntry, ...recordEntries] = entries;
  if (!headerEntry) return { rows: [], headerErrors: ["Le fichier est vide."], headerWarnings: [], delimiter };

  const header = mapHeader(headerEntry.record);
  if (header.errors.length > 0) {
    return { rows: [], headerErrors: header.errors, headerWarnings: header.warnings, delimiter };
  }

  const headerLength = headerEntry.record.length;
  const rows: ParsedRow[] = recordEntries
    .filter((e) => e.record.some((cell) => cell.trim() !== "")) // ";;;;" lines left by spreadsheets
    .map((entry) => {
      const raw: Record<string, string> = {};
      for (const column of SUPPLIER_CSV_COLUMNS) {
        const i = header.index[column];
        if (i !== undefined) raw[column] = (entry.record[i] ?? "").trim();
      }
      const line = startLine(entry.info.lines, entry.raw);
      if (entry.record.length !== headerLength) {
        return {
          line,
          raw,
          errors: [`Nombre de colonnes incorrect (${entry.record.length} au lieu de ${headerLength})`],
          warnings: [],
        };
      }
      return { line, raw, ...parseRow(raw, lookups) };
    });

  mergeDuplicateSirets(rows);
  return { rows, headerErrors: [], headerWarnings: header.warnings, delimiter };
}

/** Rejected rows with their original columns and a `motif_rejet` column, for correction and re-import. */
export function rejectedRowsCsv(rows: ParsedRow[], options: { delimiter?: "," | ";"; bom?: boolean } = {}): string {
  const rejected = rows.filter((r) => r.errors.length > 0);
  const present = SUPPLIER_CSV_COLUMNS.filter((c) => rejected.some((r) => c in r.raw));
  const columns = present.length > 0 ? present : SUPPLIER_CSV_COLUMNS.slice(0, 15);
  return toCsv(
    [...columns, "motif_rejet"],
    rejected.map((r) => [...columns.map((c) => r.raw[c] ?? ""), r.errors.join(" ; ")]),
    { delimiter: options.delimiter ?? ",", bom: options.bom ?? true },
  );
}

export interface ImportSummary {
  kept: number;
  rejected: number;
  merged: number;
  withWarnings: number;
  /** Error kind (message without its values) → number of rows. */
  rejectionReasons: Record<string, number>;
}

/** Figures to show after parsing, before the animator confirms the import. */
export function summarizeImport(rows: ParsedRow[]): ImportSummary {
  const rejectionReasons: Record<string, number> = {};
  for (const row of rows) {
    for (const error of row.errors) {
      const kind = error.replace(/\s*[(:].*$/, "");
      rejectionReasons[kind] = (rejectionReasons[kind] ?? 0) + 1;
    }
  }
  return {
    kept: rows.filter((r) => r.value).length,
    rejected: rows.filter((r) => r.errors.length > 0).length,
    merged: rows.filter((r) => r.mergedInto !== undefined).length,
    withWarnings: rows.filter((r) => r.value && r.warnings.length > 0).length,
    rejectionReasons,
  };
}
