import type { Highlighted } from "./types";

/** Lower-case, accent-free form of a word, as Postgres' f_unaccent + lower gives it (œ → oe). */
export function normalizeWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/œ/g, "oe")
    .replace(/æ/g, "ae")
    .replace(/ß/g, "ss")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "");
}

const wordPattern = /[\p{L}\p{N}]+/gu;

/** Appends a segment, merging it with the previous one when they have the same flag. */
function push(out: Highlighted, text: string, match: boolean): void {
  if (text === "") return;
  const last = out[out.length - 1];
  if (last && last.match === match) last.text += text;
  else out.push({ text, match });
}

function matchesAny(word: string, terms: readonly string[]): boolean {
  const normal = normalizeWord(word);
  return terms.some((term) => normal.startsWith(term));
}

/**
 * Flags the words that start with one of the terms (French stems, accent-free, so
 * "nettoyag" flags "Nettoyage" and "bureau" flags "bureaux").
 */
export function highlightTerms(text: string, terms: readonly string[]): Highlighted {
  const usable = [...new Set(terms.map(normalizeWord).filter((t) => t.length >= 2))];
  const out: Highlighted = [];
  let cursor = 0;
  for (const found of text.matchAll(wordPattern)) {
    const start = found.index;
    push(out, text.slice(cursor, start), false);
    push(out, found[0], usable.length > 0 && matchesAny(found[0], usable));
    cursor = start + found[0].length;
  }
  push(out, text.slice(cursor), false);
  return out;
}

/** Keeps about `max` characters of a long text, around its first matching word. */
export function cropText(text: string, terms: readonly string[], max = 220): string {
  if (text.length <= max) return text;
  const usable = terms.map(normalizeWord).filter((t) => t.length >= 2);
  let first = 0;
  for (const found of text.matchAll(wordPattern)) {
    if (usable.length > 0 && matchesAny(found[0], usable)) {
      first = found.index;
      break;
    }
  }
  let start = Math.max(0, first - Math.floor(max / 4));
  if (start > 0) {
    const space = text.indexOf(" ", start);
    start = space === -1 || space > first ? start : space + 1;
  }
  let end = Math.min(text.length, start + max);
  if (end < text.length) {
    const space = text.lastIndexOf(" ", end);
    if (space > first) end = space;
  }
  return `${start > 0 ? "…" : ""}${text.slice(start, end).trim()}${end < text.length ? "…" : ""}`;
}

/** Turns an engine's tagged text ("<mark>Net</mark>toyage") into segments; tags are never rendered. */
export function segmentsFromTagged(tagged: string, pre: string, post: string): Highlighted {
  const out: Highlighted = [];
  let rest = tagged;
  while (rest.length > 0) {
    const open = rest.indexOf(pre);
    if (open === -1) break;
    const close = rest.indexOf(post, open + pre.length);
    if (close === -1) break;
    push(out, rest.slice(0, open), false);
    push(out, rest.slice(open + pre.length, close), true);
    rest = rest.slice(close + post.length);
  }
  push(out, rest, false);
  return out;
}
