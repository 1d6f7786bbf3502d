// Seeded generator of realistic suppliers for the search benchmark: French trade names, categories
// from the purchasing taxonomy, communes weighted by population, QPV from the commune's own list.
import { sql } from "drizzle-orm";
import { rows, type Executor } from "../db/client";
import { listCategories, type PurchasingCategory } from "../app/modules/suppliers/categories";
import { LABELS } from "../app/modules/suppliers/labels";
import type { QpvStatus, SupplierSearchDocument } from "./types";

export type Random = () => number;

/** mulberry32: small, fast, good enough for test data, same sequence on every machine. */
export function seededRandom(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

export type ReferenceCommune = {
  insee: string;
  name: string;
  postalCode: string | null;
  departmentCode: string;
  departmentName: string;
  epciSiren: string | null;
  epciName: string | null;
  population: number;
  lat: number;
  lon: number;
};

export type ReferenceQpv = { code: string; name: string; communeInsees: string[] };

export type Reference = { communes: ReferenceCommune[]; qpvs: ReferenceQpv[]; nafLabels: Map<string, string> };

/** The reference tables the generator draws from (communes with a position and a population). */
export async function loadGeneratorReference(db: Executor): Promise<Reference> {
  const communes = await rows<ReferenceCommune>(
    db,
    sql`SELECT insee, name, postal_code AS "postalCode", department_code AS "departmentCode", department_name AS "departmentName",
          epci_siren AS "epciSiren", epci_name AS "epciName", population, lat, lon
        FROM communes WHERE lat IS NOT NULL AND lon IS NOT NULL AND population > 0 ORDER BY insee`,
  );
  const qpvs = await rows<ReferenceQpv>(db, sql`SELECT code, name, commune_insees AS "communeInsees" FROM qpvs ORDER BY code`);
  const naf = await rows<{ code: string; label: string }>(db, sql`SELECT ape_code AS code, label FROM naf_codes WHERE ape_code IS NOT NULL`);
  return { communes, qpvs, nafLabels: new Map(naf.map((n) => [n.code, n.label])) };
}

const familyNames = [
  "Diallo", "Martin", "Bernard", "Nguyen", "Benali", "Traoré", "Dubois", "Moreau", "Lefebvre", "Haddad", "Da Silva", "Koné",
  "Petit", "Garcia", "Rousseau", "Fontaine", "Chevalier", "Mercier", "Bakayoko", "Cissé", "Rahmani", "Lambert", "Faure",
  "Girard", "Roux", "Bonnet", "François", "Legrand", "Gauthier", "Perrin", "Morel", "Mathieu", "Clément", "Robin", "Masson",
  "Sanchez", "Ferreira", "Pereira", "Mendy", "Sylla", "Touré", "Camara", "Kaci", "Bouzid", "Lemoine", "Renaud", "Vidal",
  "Aubert", "Colin", "Nicolas", "Benoît", "Tran", "Ben Youssef", "Okafor", "Ibrahim", "Lopes", "Marchand", "Leroy", "Dupont",
];
const adjectives = ["Moderne", "Solidaire", "Express", "Services", "Plus", "Avenir", "Horizon", "Éthique", "Partage", "Insertion", "Pro", "Nouvelle"];
const sentences = [
  "Devis gratuit sous 48 heures.",
  "Équipe formée et encadrée par des professionnels.",
  "Intervention rapide, y compris le week-end.",
  "Nous accompagnons des personnes éloignées de l'emploi.",
  "Plus de dix ans d'expérience auprès des entreprises et des collectivités.",
  "Travail soigné, matériaux durables et circuits courts.",
  "Structure de l'économie sociale et solidaire.",
];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function tradeWord(random: Random, category: PurchasingCategory): string {
  return capitalize(pick(random, category.keywords.slice(0, 3)));
}

/** "Nettoyage Diallo & Fils", "Traiteur Les Saveurs de Belleville", "Imprimerie Moderne du 93"… */
function companyName(random: Random, category: PurchasingCategory, commune: ReferenceCommune): string {
  const trade = tradeWord(random, category);
  const family = pick(random, familyNames);
  const town = commune.name.replace(/ \d+e Arrondissement$/, "");
  const patterns = [
    () => `${trade} ${family} & Fils`,
    () => `${trade} ${family}`,
    () => `${trade} ${pick(random, adjectives)} du ${commune.departmentCode}`,
    () => `${trade} Les Saveurs de ${town}`.replace(/Les Saveurs/, category.slug.startsWith("restauration") ? "Les Saveurs" : "Les Ateliers"),
    () => `${trade} Solidaire de ${town}`,
    () => `Atelier ${family}`,
    () => `${family} ${trade} ${pick(random, adjectives)}`,
    () => `${trade} ${town} ${pick(random, adjectives)}`,
  ];
  return pick(random, patterns)();
}

function description(random: Random, category: PurchasingCategory, commune: ReferenceCommune): string {
  const keywords = [...category.keywords].sort(() => random() - 0.5).slice(0, 3);
  return `${category.description} Spécialités : ${keywords.join(", ")}, à ${commune.name} et alentours. ${pick(random, sentences)}`;
}

/** Cumulative population weights (at least `floor` each), for weighted draws by binary search. */
export function weighted<T extends { population: number }>(communes: readonly T[], floor = 0): (random: Random) => T {
  const cumulative: number[] = [];
  let sum = 0;
  for (const c of communes) cumulative.push((sum += Math.max(floor, c.population)));
  return (random) => {
    const target = random() * sum;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return communes[lo]!;
  };
}

function uuid(random: Random): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = "4";
  hex[16] = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const s = hex.join("");
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

function slugify(text: string): string {
  return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-|-$/g, "");
}

const qpvStatuses: readonly QpvStatus[] = ["verified", "verified", "verified", "verified", "verified", "declared", "declared", "declared", "declared", "rejected"];

/** Yields `count` suppliers in batches; the same seed gives the same suppliers. */
export function* generateSuppliers(reference: Reference, options: { count: number; seed: number; batchSize?: number }): Generator<SupplierSearchDocument[]> {
  const random = seededRandom(options.seed);
  const categories = listCategories();
  const qpvsByCommune = new Map<string, ReferenceQpv[]>();
  for (const q of reference.qpvs) for (const insee of q.communeInsees) qpvsByCommune.set(insee, [...(qpvsByCommune.get(insee) ?? []), q]);
  const anyCommune = weighted(reference.communes);
  const qpvCommune = weighted(reference.communes.filter((c) => qpvsByCommune.has(c.insee)));
  const now = Date.UTC(2026, 0, 1);
  let batch: SupplierSearchDocument[] = [];
  for (let i = 0; i < options.count; i++) {
    const inQpv = random() < 0.4;
    const commune = inQpv ? qpvCommune(random) : anyCommune(random);
    const qpv = inQpv ? pick(random, qpvsByCommune.get(commune.insee)!) : null;
    const category = pick(random, categories);
    const second = random() < 0.2 ? pick(random, categories) : null;
    const chosen = second && second.slug !== category.slug ? [category, second] : [category];
    const labels = random() < 0.3 ? [...new Set([pick(random, LABELS), pick(random, LABELS)].slice(0, random() < 0.5 ? 1 : 2))] : [];
    const name = companyName(random, category, commune);
    const nafCode = category.naf[0] ?? null;
    batch.push({
      id: uuid(random),
      slug: `${slugify(name)}-${i}`,
      siret: String(Math.floor(random() * 1e14)).padStart(14, "0"),
      name,
      legalName: name.toUpperCase(),
      description: description(random, category, commune),
      services: chosen.flatMap((c) => c.keywords.slice(0, 2).map((k) => `${capitalize(k)} pour les entreprises`)),
      categories: chosen.map((c) => c.slug),
      categoryLabels: chosen.map((c) => c.label),
      nafCode,
      nafLabel: nafCode ? (reference.nafLabels.get(nafCode) ?? null) : null,
      labels: labels.map((l) => l.slug),
      labelNames: labels.map((l) => l.label),
      communeInsee: commune.insee,
      communeName: commune.name,
      postalCode: commune.postalCode,
      departmentCode: commune.departmentCode,
      departmentName: commune.departmentName,
      epciSiren: commune.epciSiren,
      epciName: commune.epciName,
      qpvCode: qpv?.code ?? null,
      qpvName: qpv?.name ?? null,
      qpvStatus: qpv ? pick(random, qpvStatuses) : "none",
      lat: commune.lat + (random() - 0.5) * 0.02,
      lon: commune.lon + (random() - 0.5) * 0.03,
      completeness: 30 + Math.floor(random() * 71),
      createdAt: new Date(now - Math.floor(random() * 3 * 365 * 86_400_000)).toISOString(),
    });
    if (batch.length === (options.batchSize ?? 2000)) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
