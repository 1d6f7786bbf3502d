import type { TermCount } from "./tsvector";
import { FACET_LIMIT, facetFilterKey, facetNames, type FacetName, type SearchFilters, type SearchSort } from "./types";

/**
 * The directory held in the process's memory: postings of the French lexemes for text, a code per
 * facet value, a unit vector per position, the sort keys. PostgreSQL stays the source of truth
 * (search_documents); the engine feeds this copy and asks it for matches, ranks, exact disjunctive
 * facet counts and the page of ids, without reading rows per search (ADR 0003).
 * The loops are written out (typed arrays, no closures per document): they run over every match.
 */
export type IndexedDocument = {
  docno: number;
  id: string;
  terms: TermCount[];
  categories: readonly string[];
  labels: readonly string[];
  qpvCode: string | null;
  qpvStatus: string;
  communeInsee: string | null;
  epciSiren: string | null;
  departmentCode: string | null;
  lat: number | null;
  lon: number | null;
  completeness: number;
  createdAt: number /* ms since the epoch */;
};

/** One group per query word: its alternatives (stem, corrected stem, `prefix:*` while typing). */
export type TextMatch = { groups: readonly (readonly string[])[]; mode: "and" | "or" };

export type MemoryQuery = {
  text: TextMatch | null;
  filters?: SearchFilters;
  near?: { lat: number; lon: number; radiusKm?: number };
  sort?: SearchSort;
  offset: number;
  limit: number;
  facets: boolean;
};

export type MemoryHit = { docno: number; id: string; score: number; distanceM: number | null };

export type MemoryResult = {
  total: number;
  hits: MemoryHit[];
  facets: Record<FacetName, { value: string; count: number }[]>;
  verifiedQpv: number;
};

/** earthdistance's earth(): the same sphere as ll_to_earth / earth_distance. */
export const EARTH_RADIUS_M = 6378168;

/** Field weights of the text score: a word in the name counts most, in the description least. */
const WEIGHT_A = 1;
const WEIGHT_B = 0.4;
const WEIGHT_C = 0.2;
/** A corrected word or a completed prefix ranks below the word as typed. */
const ALTERNATIVE_WEIGHT = 0.9;
const PREFIX_WEIGHT = 0.8;
/** In "any word" mode, a word in more than this share of the documents is left out. */
const COMMON_SHARE = 0.5;
/** A prefix completes to at most this many lexemes (the most frequent first). */
const PREFIX_EXPANSIONS = 64;

/** Occurrences per weight (packed by tsvector.ts) → a score that grows with them but saturates. */
function termScore(packed: number): number {
  const a = packed & 0xff;
  const b = (packed >> 8) & 0xff;
  const c = (packed >> 16) & 0xff;
  return (WEIGHT_A * a) / (a + 0.5) + (WEIGHT_B * b) / (b + 0.5) + (WEIGHT_C * c) / (c + 0.5);
}

/** Interns the values of one facet as small integers. */
class Dictionary {
  readonly values: string[] = [];
  private readonly codes = new Map<string, number>();
  code(value: string): number {
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.codes.set(value, code);
    }
    return code;
  }
  find(value: string): number | undefined {
    return this.codes.get(value);
  }
}

/** The documents holding one lexeme and how often (packed), in growable typed arrays. */
class Posting {
  constructor(readonly id: number) {}
  docs = new Int32Array(4);
  counts = new Int32Array(4);
  length = 0;
  add(doc: number, packed: number): void {
    if (this.length === this.docs.length) {
      const docs = new Int32Array(this.length * 2);
      docs.set(this.docs);
      this.docs = docs;
      const counts = new Int32Array(this.length * 2);
      counts.set(this.counts);
      this.counts = counts;
    }
    this.docs[this.length] = doc;
    this.counts[this.length++] = packed;
  }
  delete(doc: number): void {
    for (let i = this.length - 1; i >= 0; i--) {
      if (this.docs[i] !== doc) continue;
      this.docs.copyWithin(i, i + 1, this.length);
      this.counts.copyWithin(i, i + 1, this.length);
      this.length--;
      return;
    }
  }
}

const NONE = -1;
const SLOTS = 3;

/**
 * The values of an array facet per document: the first SLOTS codes side by side in one typed
 * array (reading a separate small array per document costs a cache miss each), the rare
 * further ones in a map.
 */
class ValueLists {
  slots = new Int32Array(0).fill(NONE);
  private readonly overflow = new Map<number, readonly number[]>();

  grow(capacity: number): void {
    const slots = new Int32Array(capacity * SLOTS).fill(NONE);
    slots.set(this.slots);
    this.slots = slots;
  }

  set(d: number, codes: readonly number[]): void {
    for (let i = 0; i < SLOTS; i++) this.slots[d * SLOTS + i] = codes[i] ?? NONE;
    if (codes.length > SLOTS) this.overflow.set(d, codes.slice(SLOTS));
    else this.overflow.delete(d);
  }

  count(d: number, counts: Int32Array): void {
    const base = d * SLOTS;
    for (let i = base; i < base + SLOTS; i++) {
      const code = this.slots[i]!;
      if (code < 0) return;
      counts[code]!++;
    }
    const extra = this.overflow.get(d);
    if (extra) for (const code of extra) counts[code]!++;
  }

  has(d: number, selected: Uint8Array): boolean {
    const base = d * SLOTS;
    for (let i = base; i < base + SLOTS; i++) {
      const code = this.slots[i]!;
      if (code < 0) return false;
      if (selected[code] === 1) return true;
    }
    const extra = this.overflow.get(d);
    return extra !== undefined && extra.some((code) => selected[code] === 1);
  }
}

/**
 * A filter as tested per document: the facet's column (scalar codes) or value lists, a flag per
 * selected value code, and the facet's counts to feed when a document fails this filter alone.
 * Without column nor lists it is the verified-QPV filter.
 */
type Condition = { facet: FacetName | "verified"; column: Int32Array | null; lists: ValueLists | null; selected: Uint8Array };

export class MemoryIndex {
  private capacity = 0;
  private live = new Uint8Array(0);
  private verified = new Uint8Array(0);
  private x = new Float64Array(0);
  private y = new Float64Array(0);
  private z = new Float64Array(0);
  private completeness = new Float64Array(0);
  private created = new Float64Array(0);
  private qpv = new Int32Array(0);
  private commune = new Int32Array(0);
  private epci = new Int32Array(0);
  private department = new Int32Array(0);
  private readonly categories = new ValueLists();
  private readonly labels = new ValueLists();
  private ids: (string | undefined)[] = [];
  // Each document's posting ids, for updates: a region [termStart, termStart + termCount) of one
  // pool (one small array per document would cost far more memory). An update appends a new region;
  // the old one is dead space until the engine rebuilds the index (big changes reload it whole).
  private termStart = new Int32Array(0);
  private termCount = new Int32Array(0);
  private termPool = new Int32Array(1024);
  private poolLength = 0;
  private readonly postingById: Posting[] = [];
  private readonly dictionaries = Object.fromEntries(facetNames.map((f) => [f, new Dictionary()])) as Record<FacetName, Dictionary>;
  private readonly postings = new Map<string, Posting>();
  private sortedLexemes: string[] | null = null;
  private size = 0;
  // Scratch space reused by every search (a search runs synchronously from start to end).
  private groupScore = new Float64Array(0);
  private textScore = new Float64Array(0);
  private matchedGroups = new Uint16Array(0);
  private chord = new Float64Array(0);

  get count(): number {
    return this.size;
  }

  /** Pool entries no document uses any more (old versions): the engine rebuilds when they dominate. */
  get deadTerms(): number {
    let used = 0;
    for (let d = 0; d < this.capacity; d++) used += this.termCount[d]!;
    return this.poolLength - used;
  }

  upsert(doc: IndexedDocument): void {
    if (doc.docno >= this.capacity) this.grow(doc.docno + 1);
    const d = doc.docno;
    if (this.live[d]) this.removeTerms(d);
    else this.size++;
    this.live[d] = 1;
    this.ids[d] = doc.id;
    this.verified[d] = doc.qpvStatus === "verified" ? 1 : 0;
    if (doc.lat !== null && doc.lon !== null) {
      const lat = (doc.lat * Math.PI) / 180;
      const lon = (doc.lon * Math.PI) / 180;
      this.x[d] = Math.cos(lat) * Math.cos(lon);
      this.y[d] = Math.cos(lat) * Math.sin(lon);
      this.z[d] = Math.sin(lat);
    } else {
      this.x[d] = this.y[d] = this.z[d] = NaN;
    }
    this.completeness[d] = doc.completeness;
    this.created[d] = doc.createdAt;
    const { qpv, communes, epcis, departments, categories, labels } = this.dictionaries;
    this.qpv[d] = doc.qpvCode === null ? NONE : qpv.code(doc.qpvCode);
    this.commune[d] = doc.communeInsee === null ? NONE : communes.code(doc.communeInsee);
    this.epci[d] = doc.epciSiren === null ? NONE : epcis.code(doc.epciSiren);
    this.department[d] = doc.departmentCode === null ? NONE : departments.code(doc.departmentCode);
    this.categories.set(d, codes(categories, doc.categories));
    this.labels.set(d, codes(labels, doc.labels));
    if (this.poolLength + doc.terms.length > this.termPool.length) {
      const pool = new Int32Array(Math.max(this.termPool.length * 2, this.poolLength + doc.terms.length));
      pool.set(this.termPool.subarray(0, this.poolLength));
      this.termPool = pool;
    }
    this.termStart[d] = this.poolLength;
    this.termCount[d] = doc.terms.length;
    for (const { lexeme, packed } of doc.terms) {
      let posting = this.postings.get(lexeme);
      if (!posting) {
        posting = new Posting(this.postingById.length);
        this.postingById.push(posting);
        this.postings.set(lexeme, posting);
        this.sortedLexemes = null;
      }
      posting.add(d, packed);
      this.termPool[this.poolLength++] = posting.id;
    }
  }

  remove(docno: number): void {
    if (docno >= this.capacity || !this.live[docno]) return;
    this.removeTerms(docno);
    this.live[docno] = 0;
    this.ids[docno] = undefined;
    this.termCount[docno] = 0;
    this.categories.set(docno, []);
    this.labels.set(docno, []);
    this.size--;
  }

  private removeTerms(d: number): void {
    // Emptied postings stay (their ids are in the pool); prefix completion skips them.
    const start = this.termStart[d]!;
    for (let i = start; i < start + this.termCount[d]!; i++) this.postingById[this.termPool[i]!]!.delete(d);
    this.termCount[d] = 0;
  }

  private grow(minimum: number): void {
    const capacity = Math.max(minimum, this.capacity * 2, 1024);
    function grown<T extends Uint8Array | Uint16Array | Int32Array | Float64Array>(old: T, next: T, fill?: number): T {
      if (fill !== undefined) next.fill(fill);
      next.set(old);
      return next;
    }
    this.live = grown(this.live, new Uint8Array(capacity));
    this.verified = grown(this.verified, new Uint8Array(capacity));
    this.x = grown(this.x, new Float64Array(capacity), NaN);
    this.y = grown(this.y, new Float64Array(capacity), NaN);
    this.z = grown(this.z, new Float64Array(capacity), NaN);
    this.completeness = grown(this.completeness, new Float64Array(capacity));
    this.created = grown(this.created, new Float64Array(capacity));
    this.qpv = grown(this.qpv, new Int32Array(capacity), NONE);
    this.commune = grown(this.commune, new Int32Array(capacity), NONE);
    this.epci = grown(this.epci, new Int32Array(capacity), NONE);
    this.department = grown(this.department, new Int32Array(capacity), NONE);
    this.termStart = grown(this.termStart, new Int32Array(capacity));
    this.termCount = grown(this.termCount, new Int32Array(capacity));
    this.categories.grow(capacity);
    this.labels.grow(capacity);
    this.groupScore = new Float64Array(capacity);
    this.textScore = new Float64Array(capacity);
    this.matchedGroups = new Uint16Array(capacity);
    this.chord = new Float64Array(capacity);
    this.capacity = capacity;
  }

  /** The lexemes a prefix completes to, most frequent first. */
  private expand(prefix: string): string[] {
    this.sortedLexemes ??= [...this.postings.keys()].sort();
    const sorted = this.sortedLexemes;
    let lo = 0;
    let hi = sorted.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (sorted[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < sorted.length && sorted[i]!.startsWith(prefix); i++) if (this.postings.get(sorted[i]!)!.length > 0) found.push(sorted[i]!);
    return found.sort((a, b) => this.postings.get(b)!.length - this.postings.get(a)!.length).slice(0, PREFIX_EXPANSIONS);
  }

  /**
   * Scores the documents that match the words: per word, the best of its alternatives, weighted
   * by how rare the word is (idf); returns the documents in `mode` (every word or any word) with
   * their score left in textScore (the caller resets it).
   */
  private matchText(text: TextMatch): number[] {
    const { groupScore, textScore, matchedGroups } = this;
    const touched: number[] = [];
    const expansions = text.groups.map((group) => group.map((alternative) => (alternative.endsWith(":*") ? this.expand(alternative.slice(0, -2)) : [alternative])));
    // "Any word" falls back from "every word": a word found in most documents ("entreprise")
    // would match nearly all of them and tell nothing, so it only counts if every word is like it.
    const common = expansions.map((alternatives) => alternatives.some((lexemes) => lexemes.some((l) => (this.postings.get(l)?.length ?? 0) > this.size * COMMON_SHARE)));
    const skip = text.mode === "or" && common.some((c) => !c) ? common : common.map(() => false);
    for (const [g, group] of text.groups.entries()) {
      if (skip[g]) continue;
      const inGroup: number[] = [];
      for (let i = 0; i < group.length; i++) {
        const alternative = group[i]!;
        const prefix = alternative.endsWith(":*");
        const weight = prefix ? PREFIX_WEIGHT : i === 0 ? 1 : ALTERNATIVE_WEIGHT;
        for (const lexeme of expansions[g]![i]!) {
          const posting = this.postings.get(lexeme);
          if (!posting) continue;
          const { docs, counts, length } = posting;
          for (let k = 0; k < length; k++) {
            const d = docs[k]!;
            const score = weight * termScore(counts[k]!);
            if (groupScore[d] === 0) inGroup.push(d);
            if (score > groupScore[d]!) groupScore[d] = score;
          }
        }
      }
      const idf = Math.log(1 + this.size / Math.max(1, inGroup.length));
      for (let k = 0; k < inGroup.length; k++) {
        const d = inGroup[k]!;
        if (matchedGroups[d] === 0) touched.push(d);
        matchedGroups[d]!++;
        textScore[d]! += idf * groupScore[d]!;
        groupScore[d] = 0;
      }
    }
    const wanted = text.mode === "and" ? text.groups.length : 1;

    const matches: number[] = [];
    for (let k = 0; k < touched.length; k++) {
      const d = touched[k]!;
      if (matchedGroups[d]! >= wanted) matches.push(d);
      else textScore[d] = 0;
      matchedGroups[d] = 0;
    }
    return matches;
  }

  private conditions(filters: SearchFilters | undefined): Condition[] {
    const out: Condition[] = [];
    const columns: Partial<Record<FacetName, Int32Array>> = { qpv: this.qpv, communes: this.commune, epcis: this.epci, departments: this.department };
    const lists: Partial<Record<FacetName, ValueLists>> = { categories: this.categories, labels: this.labels };
    for (const facet of facetNames) {
      const chosen = filters?.[facetFilterKey[facet]];
      if (!chosen || chosen.length === 0) continue;
      const dictionary = this.dictionaries[facet];
      const selected = new Uint8Array(dictionary.values.length);
      for (const value of chosen) {
        const code = dictionary.find(value);
        if (code !== undefined) selected[code] = 1;
      }
      out.push({ facet, column: columns[facet] ?? null, lists: lists[facet] ?? null, selected });
    }
    if (filters?.verifiedQpvOnly) out.push({ facet: "verified", column: null, lists: null, selected: new Uint8Array(0) });
    return out;
  }

  search(query: MemoryQuery): MemoryResult {
    const textual = query.text !== null && query.text.groups.length > 0;
    const candidates = textual ? this.matchText(query.text!) : null;
    const near = query.near;
    const point = near ? unitVector(near.lat, near.lon) : null;
    const radius = near?.radiusKm !== undefined;
    const maxChord = radius ? maxChordSquared(near!.radiusKm! * 1000) : Infinity;
    const [px, py, pz] = point ?? [0, 0, 0];
    const { x, y, z, live, verified, qpv, commune, epci, department, categories, labels } = this;
    const conditions = this.conditions(query.filters);
    const wantFacets = query.facets;
    const n = (f: FacetName) => new Int32Array(wantFacets ? this.dictionaries[f].values.length : 0);
    const counts: Record<FacetName, Int32Array> = { categories: n("categories"), labels: n("labels"), qpv: n("qpv"), communes: n("communes"), epcis: n("epcis"), departments: n("departments") };
    const [cQpv, cCommune, cEpci, cDepartment, cCategories, cLabels] = [counts.qpv, counts.communes, counts.epcis, counts.departments, counts.categories, counts.labels];
    const chords = point ? this.chord : null;
    const page = new TopK(query.offset + query.limit, comparator(query.sort ?? "relevance", textual, point !== null, this.textScore, chords, this.completeness, this.created, this.ids));
    let total = 0;
    let verifiedQpv = 0;
    const limit = candidates ? candidates.length : this.capacity;
    for (let k = 0; k < limit; k++) {
      const d = candidates ? candidates[k]! : k;
      if (!candidates && live[d] === 0) continue;
      if (point) {
        const chord = (x[d]! - px) ** 2 + (y[d]! - py) ** 2 + (z[d]! - pz) ** 2;
        if (radius && !(chord <= maxChord)) continue;
      }
      let failures = 0;
      let failed: Condition | null = null;
      for (let c = 0; c < conditions.length; c++) {
        const condition = conditions[c]!;
        let passes = false;
        if (condition.column !== null) passes = condition.selected[condition.column[d]!] === 1;
        else if (condition.lists !== null) passes = condition.lists.has(d, condition.selected);
        else passes = verified[d] === 1;
        if (!passes) {
          failures++;
          failed = condition;
          if (failures > 1) break;
        }
      }
      if (failures > 1) continue;
      if (failures === 0) {
        total++;
        if (chords) chords[d] = (x[d]! - px) ** 2 + (y[d]! - py) ** 2 + (z[d]! - pz) ** 2;
        page.offer(d);
        if (!wantFacets) continue;
        verifiedQpv += verified[d]!;
        if (qpv[d]! >= 0) cQpv[qpv[d]!]!++;
        if (commune[d]! >= 0) cCommune[commune[d]!]!++;
        if (epci[d]! >= 0) cEpci[epci[d]!]!++;
        if (department[d]! >= 0) cDepartment[department[d]!]!++;
        categories.count(d, cCategories);
        labels.count(d, cLabels);
      } else if (wantFacets && failed!.facet !== "verified") {
        // Disjunctive counts: a document failing only one facet's filter still counts in that facet.
        const own = counts[failed!.facet];
        if (failed!.column !== null) {
          const code = failed!.column[d]!;
          if (code >= 0) own[code]!++;
        } else {
          failed!.lists!.count(d, own);
        }
      }
    }
    const hits = page.sorted().slice(query.offset).map((d) => {
      const chord = chords ? chords[d]! : NaN;
      return { docno: d, id: this.ids[d]!, score: textual ? this.textScore[d]! : 0, distanceM: Number.isNaN(chord) ? null : chordToMeters(chord) };
    });
    if (candidates) for (const d of candidates) this.textScore[d] = 0;
    const facets = {} as MemoryResult["facets"];
    for (const f of facetNames) facets[f] = wantFacets ? topValues(counts[f], this.dictionaries[f].values, query.filters?.[facetFilterKey[f]] ?? []) : [];
    return { total, hits, facets, verifiedQpv };
  }
}

function codes(dictionary: Dictionary, values: readonly string[]): readonly number[] {
  const out: number[] = [];
  for (const value of values) {
    const code = dictionary.code(value);
    if (!out.includes(code)) out.push(code);
  }
  return out;
}

function unitVector(latDegrees: number, lonDegrees: number): [number, number, number] {
  const lat = (latDegrees * Math.PI) / 180;
  const lon = (lonDegrees * Math.PI) / 180;
  return [Math.cos(lat) * Math.cos(lon), Math.cos(lat) * Math.sin(lon), Math.sin(lat)];
}

/** The squared unit chord of a great-circle distance in metres. */
function maxChordSquared(meters: number): number {
  return (2 * Math.sin(Math.min(Math.PI / 2, meters / (2 * EARTH_RADIUS_M)))) ** 2;
}

/** Chord → great circle, as earthdistance's sec_to_gc. */
function chordToMeters(chordSquared: number): number {
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(chordSquared) / 2));
}

function descending(x: number, y: number): number {
  return x === y ? 0 : x > y ? -1 : 1;
}

/** Negative when `a` comes first; the orders of the earlier SQL engine, ending on the id. */
function comparator(
  sort: SearchSort,
  textual: boolean,
  hasPoint: boolean,
  score: Float64Array,
  chords: Float64Array | null,
  completeness: Float64Array,
  created: Float64Array,
  ids: (string | undefined)[],
): (a: number, b: number) => number {
  function byId(a: number, b: number): number {
    return ids[a]! < ids[b]! ? -1 : ids[a]! > ids[b]! ? 1 : 0;
  }
  function byRelevance(a: number, b: number): number {
    return (textual ? descending(score[a]!, score[b]!) : 0) || descending(completeness[a]!, completeness[b]!) || descending(created[a]!, created[b]!) || byId(a, b);
  }
  if (sort === "distance" && hasPoint) {
    return function byDistance(a, b) {
      const ca = chords![a]!;
      const cb = chords![b]!;
      const na = Number.isNaN(ca);
      const nb = Number.isNaN(cb);
      if (na !== nb) return na ? 1 : -1; // no position: last
      return (!na && ca !== cb ? (ca < cb ? -1 : 1) : 0) || (textual ? descending(score[a]!, score[b]!) : 0) || byId(a, b);
    };
  }
  if (sort === "newest") {
    return function byNewest(a, b) {
      return descending(created[a]!, created[b]!) || byId(a, b);
    };
  }
  return byRelevance;
}

/** The first K documents in order, kept sorted as they are offered (K is a few pages at most). */
class TopK {
  private readonly best: number[] = [];
  constructor(
    private readonly k: number,
    private readonly compare: (a: number, b: number) => number,
  ) {}

  offer(d: number): void {
    const best = this.best;
    if (best.length === this.k && this.compare(d, best[best.length - 1]!) >= 0) return;
    let lo = 0;
    let hi = best.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.compare(best[mid]!, d) <= 0) lo = mid + 1;
      else hi = mid;
    }
    best.splice(lo, 0, d);
    if (best.length > this.k) best.pop();
  }

  sorted(): number[] {
    return this.best;
  }
}

/**
 * A facet's values by count (then value): the top FACET_LIMIT, plus the selected ones wherever
 * they rank, with 0 when nothing matches them (so that they can still be unticked).
 */
function topValues(counts: Int32Array, values: readonly string[], selected: readonly string[]): { value: string; count: number }[] {
  const before = (a: number, b: number) => counts[a]! > counts[b]! || (counts[a] === counts[b] && values[a]! < values[b]!);
  const top: number[] = [];
  for (let c = 0; c < counts.length; c++) {
    if (counts[c] === 0) continue;
    if (top.length === FACET_LIMIT && !before(c, top[FACET_LIMIT - 1]!)) continue;
    let i = top.length;
    while (i > 0 && before(c, top[i - 1]!)) i--;
    top.splice(i, 0, c);
    if (top.length > FACET_LIMIT) top.pop();
  }
  const out = top.map((c) => ({ value: values[c]!, count: counts[c]! }));
  for (const value of selected) if (!out.some((v) => v.value === value)) out.push({ value, count: counts[values.indexOf(value)] ?? 0 });
  return out;
}
