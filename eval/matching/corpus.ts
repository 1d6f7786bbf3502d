// Loaders for the reference data used by the offline matching evaluation.
import { readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";

export const SHARED_DATA_DIR = process.env.PROXIMA_SHARED_DATA ?? "/work/shared/data";

export type CorpusRow = {
  siret: string;
  raison_sociale: string;
  enseigne: string;
  type_structure: string;
  code_naf: string;
  adresse: string;
  code_postal: string;
  commune: string;
  code_insee_commune: string;
  latitude: string;
  longitude: string;
  site_web: string;
  effectif: string;
  description: string;
};

export type Commune = {
  insee: string;
  name: string;
  department: string;
  lat: number | null;
  lon: number | null;
  epci: string | null;
};

type CommuneRow = {
  code_insee: string;
  nom: string;
  dep_code: string;
  latitude: string;
  longitude: string;
  siren_epci: string;
};

type NafRow = { code: string; niveau: string; libelle_65: string };

function readCsv<T>(path: string): T[] {
  return parse(readFileSync(path, "utf8"), { columns: true, skip_empty_lines: true }) as T[];
}

function parseCoordinate(value: string): number | null {
  if (value.trim() === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

export function loadCorpus(path = `${SHARED_DATA_DIR}/suppliers-siae.csv`): CorpusRow[] {
  return readCsv<CorpusRow>(path);
}

export function loadCommunes(path = `${SHARED_DATA_DIR}/communes.csv`): Map<string, Commune> {
  const byInsee = new Map<string, Commune>();
  for (const row of readCsv<CommuneRow>(path)) {
    byInsee.set(row.code_insee, {
      insee: row.code_insee,
      name: row.nom,
      department: row.dep_code,
      lat: parseCoordinate(row.latitude),
      lon: parseCoordinate(row.longitude),
      epci: row.siren_epci.trim() === "" ? null : row.siren_epci,
    });
  }
  return byInsee;
}

/** Sub-class labels keyed by the compact NAF code used in the corpus ("81.21Z" → "8121Z"). */
export function loadNafLabels(path = `${SHARED_DATA_DIR}/naf-rev2.csv`): Map<string, string> {
  const labels = new Map<string, string>();
  for (const row of readCsv<NafRow>(path)) {
    if (row.niveau === "sous-classe") labels.set(compactNaf(row.code), row.libelle_65);
  }
  return labels;
}

/** "81.21Z" and "8121Z" both become "8121Z". */
export function compactNaf(code: string): string {
  return code.replace(".", "").trim().toUpperCase();
}

/** "8121Z" → "81.21Z" (the form shown to users). */
export function dottedNaf(code: string): string {
  const compact = compactNaf(code);
  return compact.length === 5 ? `${compact.slice(0, 2)}.${compact.slice(2)}` : compact;
}

export function coordinates(row: CorpusRow): { lat: number | null; lon: number | null } {
  return { lat: parseCoordinate(row.latitude), lon: parseCoordinate(row.longitude) };
}

/** Lowercase, strip accents, keep letters and digits only. */
export function normalizeText(text: string): string {
  return text
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}
