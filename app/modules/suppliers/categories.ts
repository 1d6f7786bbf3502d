// Purchasing categories: the taxonomy a large buyer uses to describe what it buys
// from small local firms. The list itself is data (db/data/purchasing-categories.json);
// this module validates it once and answers questions about it.
import { z } from "zod";
import rawCategories from "../../../db/data/purchasing-categories.json";

const CategorySchema = z.object({
  slug: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  label: z.string().min(1),
  description: z.string().min(1),
  naf: z.array(z.string().regex(/^\d{4}[A-Z]$/)),
  keywords: z.array(z.string().min(1)).min(1),
});

export type PurchasingCategory = z.infer<typeof CategorySchema>;

const categories: readonly PurchasingCategory[] = Object.freeze(
  z.array(CategorySchema).parse(rawCategories),
);
const bySlug = new Map(categories.map((c) => [c.slug, c]));

/**
 * Catch-all NAF codes that say nothing about what the company sells: associations
 * (9499Z), "action sociale n.c.a." (8899B), ESAT "aide par le travail" (8810C),
 * shelters running workshops (8790B), local authorities running an insertion
 * worksite (8411Z, 8413Z), head offices (7010Z). A large share of inclusive
 * structures are registered under them, so the JSON maps them to the activities
 * those structures most often sell (green spaces, multiservices, re-use); the UI
 * should present such suggestions as "à confirmer".
 */
export const GENERIC_NAF_CODES: ReadonlySet<string> = new Set([
  "8899B",
  "9499Z",
  "8810C",
  "8790B",
  "8411Z",
  "8413Z",
  "7010Z",
]);

const nafIndex = new Map<string, string[]>();
for (const c of categories) {
  for (const code of c.naf) {
    const slugs = nafIndex.get(code) ?? [];
    if (!slugs.includes(c.slug)) slugs.push(c.slug);
    nafIndex.set(code, slugs);
  }
}

export function listCategories(): readonly PurchasingCategory[] {
  return categories;
}

export function getCategory(slug: string): PurchasingCategory | undefined {
  return bySlug.get(slug);
}

export function isCategorySlug(slug: string): boolean {
  return bySlug.has(slug);
}

/** The French label, or the slug itself for an unknown slug (e.g. a category removed since). */
export function categoryLabel(slug: string): string {
  return bySlug.get(slug)?.label ?? slug;
}

/** "81.21z", " 8121 Z " → "8121Z". Does not check that the code exists. */
export function normalizeNafCode(code: string): string {
  return code.replace(/[\s.]/g, "").toUpperCase();
}

export function isGenericNaf(code: string): boolean {
  return GENERIC_NAF_CODES.has(normalizeNafCode(code));
}

/** Slugs of the categories whose NAF list holds this code (taxonomy order); [] when none. */
export function suggestCategoriesForNaf(nafCode: string): string[] {
  return [...(nafIndex.get(normalizeNafCode(nafCode)) ?? [])];
}

/** Lower case, no accents, ligatures expanded, punctuation turned into spaces. */
function foldText(text: string): string {
  return ` ${text
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;
}

const foldedKeywords = categories.map((c) => ({
  slug: c.slug,
  keywords: c.keywords.map((k) => foldText(k)),
}));

/**
 * Slugs whose keywords occur in a free text (name, description), best first.
 * Keywords match whole words, accent- and case-insensitively ("Ménage" matches "menage").
 */
export function suggestCategoriesForText(text: string): string[] {
  const folded = foldText(text);
  if (folded.trim() === "") return [];
  const hits: { slug: string; count: number }[] = [];
  for (const { slug, keywords } of foldedKeywords) {
    const count = keywords.filter((k) => folded.includes(k)).length;
    if (count > 0) hits.push({ slug, count });
  }
  // Stable sort keeps taxonomy order between ties.
  return hits.sort((a, b) => b.count - a.count).map((h) => h.slug);
}

/**
 * NAF and text together. A specific NAF code is the stronger signal; for a
 * catch-all code, what the company writes about itself comes first.
 */
export function suggestCategories(input: { nafCode?: string | null; text?: string | null }): string[] {
  const fromNaf = input.nafCode ? suggestCategoriesForNaf(input.nafCode) : [];
  const fromText = input.text ? suggestCategoriesForText(input.text) : [];
  const generic = input.nafCode ? isGenericNaf(input.nafCode) : false;
  const ordered = generic && fromText.length > 0 ? [...fromText, ...fromNaf] : [...fromNaf, ...fromText];
  return [...new Set(ordered)];
}
