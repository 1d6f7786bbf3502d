// The pure matching score (DESIGN.md, "Matching"): need → supplier, with French reasons.
// Every point shown to users comes from a component below; the weights live in weights.ts.
import { haversineKm } from "./geo";
import { reasons } from "./reasons";
import {
  GEOGRAPHY_FLOOR_SHARE,
  NAF_ONLY_SHARE,
  NO_DISTANCE_SHARE,
  QPV_SHARE,
  REFERENCE_KM,
  RESPONSIVENESS_PRIOR,
  RESPONSIVE_MIN_NOTIFIED,
  RESPONSIVE_RATE,
  TEXT_REASON_THRESHOLD,
  WEIGHTS,
  ZONE_ONLY_SHARE,
  type ComponentKey,
} from "./weights";

export type NeedPerimeter =
  | { kind: "radius"; radiusKm: number }
  | { kind: "epci"; epci: string }
  | { kind: "departments"; departments: string[] }
  | { kind: "national" };

export type SupplierZone =
  | { kind: "radius"; radiusKm: number }
  | { kind: "departments"; departments: string[] }
  | { kind: "national" };

export type MatchNeed = {
  categories: string[];
  nafCodes?: string[];
  lat: number | null;
  lon: number | null;
  communeInsee: string | null;
  department: string | null;
  epci: string | null;
  perimeter: NeedPerimeter;
  requiredLabels: string[];
  /** Title + description. */
  text: string;
};

export type QpvStatus = "none" | "declared" | "verified" | "rejected";

export type MatchSupplier = {
  id: string;
  categories: string[];
  nafCode: string | null;
  lat: number | null;
  lon: number | null;
  department: string | null;
  epci: string | null;
  zone: SupplierZone;
  qpv: { status: QpvStatus; name: string | null };
  labels: string[];
  /** 0..1, computed upstream by the search engine; 0 when unknown. */
  textRelevance: number;
  responsiveness: { notified: number; answered: number };
};

export type MatchContext = {
  categoryNaf: (slug: string) => string[];
  categoryLabel: (slug: string) => string;
  labelLabel: (slug: string) => string;
  /** Precomputed distance (e.g. by PostGIS/earthdistance); else computed from coordinates. */
  distanceKm?: number;
};

export type ScoreComponent = { key: ComponentKey; points: number; max: number };

export type MatchResult = {
  score: number;
  eligible: boolean;
  components: ScoreComponent[];
  reasons: string[];
};

type Part = { component: ScoreComponent; reasons: string[]; eligible?: boolean };

/** "81.21z", " 8121Z " → "8121Z": the corpus and the taxonomy do not agree on the form. */
export function normalizeNaf(code: string): string {
  return code.replace(/[.\s]/g, "").toUpperCase();
}

function clamp01(value: number): number {
  return Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

function part(key: ComponentKey, share: number, partReasons: string[], max: number = WEIGHTS[key]): Part {
  return { component: { key, points: round1(max * clamp01(share)), max }, reasons: partReasons };
}

// ---------------------------------------------------------------- category and NAF fit

export function scoreCategory(need: MatchNeed, supplier: MatchSupplier, ctx: MatchContext): Part {
  const shared = need.categories.filter((slug) => supplier.categories.includes(slug));
  const nafFit = nafFitOf(need, supplier, ctx);
  const found = [
    ...shared.map((slug) => reasons.category(ctx.categoryLabel(slug))),
    ...(nafFit ? [reasons.naf(nafFit)] : []),
  ];
  if (shared.length > 0) return { ...part("category", 1, found), eligible: true };
  if (nafFit) return { ...part("category", NAF_ONLY_SHARE, found), eligible: true };
  return { ...part("category", 0, [reasons.noFit()]), eligible: false };
}

/** The supplier's NAF code when it is one the need asks for or one of its categories covers. */
function nafFitOf(need: MatchNeed, supplier: MatchSupplier, ctx: MatchContext): string | null {
  if (!supplier.nafCode) return null;
  const naf = normalizeNaf(supplier.nafCode);
  const wanted = [...(need.nafCodes ?? []), ...need.categories.flatMap((slug) => ctx.categoryNaf(slug))];
  return wanted.some((code) => normalizeNaf(code) === naf) ? naf : null;
}

// ---------------------------------------------------------------- geography

export function distanceBetween(need: MatchNeed, supplier: MatchSupplier, ctx: MatchContext): number | null {
  if (ctx.distanceKm !== undefined && Number.isFinite(ctx.distanceKm)) return ctx.distanceKm;
  if (need.lat === null || need.lon === null || supplier.lat === null || supplier.lon === null) return null;
  return haversineKm(need.lat, need.lon, supplier.lat, supplier.lon);
}

type Placement = { inside: boolean; share: number; reason: string };

function sameDepartment(need: MatchNeed, supplier: MatchSupplier): boolean {
  return need.department !== null && need.department === supplier.department;
}

function sameEpci(need: MatchNeed, supplier: MatchSupplier): boolean {
  return need.epci !== null && need.epci === supplier.epci;
}

/** Linear decay from 1 at 0 km to the floor at the reference distance (and beyond). */
function proximityShare(km: number, referenceKm: number): number {
  const ratio = referenceKm > 0 ? Math.min(1, km / referenceKm) : 1;
  return 1 - (1 - GEOGRAPHY_FLOOR_SHARE) * ratio;
}

/** When coordinates are missing, department then EPCI equality decides. */
function fallbackPlacement(need: MatchNeed, supplier: MatchSupplier): Placement | null {
  if (sameEpci(need, supplier)) return { inside: true, share: NO_DISTANCE_SHARE, reason: reasons.sameEpciNoDistance() };
  if (sameDepartment(need, supplier)) {
    return { inside: true, share: NO_DISTANCE_SHARE, reason: reasons.sameDepartmentNoDistance(need.department!) };
  }
  return null;
}

/** Is the supplier inside the need's perimeter? */
function placeInPerimeter(need: MatchNeed, supplier: MatchSupplier, km: number | null): Placement | null {
  const perimeter = need.perimeter;
  switch (perimeter.kind) {
    case "radius":
      if (km === null) return fallbackPlacement(need, supplier);
      return km <= perimeter.radiusKm
        ? { inside: true, share: proximityShare(km, perimeter.radiusKm), reason: reasons.withinRadius(km) }
        : null;
    case "epci":
      return supplier.epci !== null && supplier.epci === perimeter.epci
        ? { inside: true, share: km === null ? NO_DISTANCE_SHARE : proximityShare(km, REFERENCE_KM.epci), reason: reasons.withinEpci() }
        : null;
    case "departments":
      return supplier.department !== null && perimeter.departments.includes(supplier.department)
        ? {
            inside: true,
            share: km === null ? NO_DISTANCE_SHARE : proximityShare(km, REFERENCE_KM.departments),
            reason: reasons.withinDepartments(supplier.department),
          }
        : null;
    case "national":
      return {
        inside: true,
        share: km === null ? NO_DISTANCE_SHARE : proximityShare(km, REFERENCE_KM.national),
        reason: reasons.national(),
      };
  }
}

/** Is the need inside the zone the supplier serves? */
function placeInZone(need: MatchNeed, supplier: MatchSupplier, km: number | null): Placement | null {
  const zone = supplier.zone;
  switch (zone.kind) {
    case "radius":
      if (km === null) return fallbackPlacement(need, supplier);
      return km <= zone.radiusKm
        ? { inside: true, share: proximityShare(km, zone.radiusKm), reason: reasons.zoneRadius(km, zone.radiusKm) }
        : null;
    case "departments":
      return need.department !== null && zone.departments.includes(need.department)
        ? { inside: true, share: NO_DISTANCE_SHARE, reason: reasons.zoneDepartments(need.department) }
        : null;
    case "national":
      return { inside: true, share: NO_DISTANCE_SHARE, reason: reasons.zoneNational() };
  }
}

export function scoreGeography(need: MatchNeed, supplier: MatchSupplier, ctx: MatchContext): Part {
  const km = distanceBetween(need, supplier, ctx);
  const inPerimeter = placeInPerimeter(need, supplier, km);
  if (inPerimeter) return { ...part("geography", inPerimeter.share, [inPerimeter.reason]), eligible: true };
  // Outside the buyer's perimeter but the supplier travels that far: eligible, and always below
  // any supplier inside the perimeter (whose share never falls under the floor).
  const inZone = placeInZone(need, supplier, km);
  if (inZone) return { ...part("geography", GEOGRAPHY_FLOOR_SHARE * ZONE_ONLY_SHARE, [inZone.reason]), eligible: true };
  return { ...part("geography", 0, [reasons.outside(km)]), eligible: false };
}

// ---------------------------------------------------------------- QPV, labels, text, responsiveness

export function scoreQpv(supplier: MatchSupplier): Part {
  const { status, name } = supplier.qpv;
  const found =
    status === "verified" ? [reasons.qpvVerified(name)] : status === "declared" ? [reasons.qpvDeclared()] : [];
  return part("qpv", QPV_SHARE[status], found);
}

/** Null when the need requires no label: the component then does not count at all. */
export function scoreLabels(need: MatchNeed, supplier: MatchSupplier, ctx: MatchContext): Part | null {
  const required = [...new Set(need.requiredLabels)];
  if (required.length === 0) return null;
  const held = required.filter((slug) => supplier.labels.includes(slug));
  const missing = required.filter((slug) => !supplier.labels.includes(slug));
  const found = [
    ...held.map((slug) => reasons.label(ctx.labelLabel(slug))),
    ...missing.map((slug) => reasons.missingLabel(ctx.labelLabel(slug))),
  ];
  // Each required label is worth the full label weight, so requiring one more label that the
  // supplier holds can only raise its normalised score.
  return part("labels", held.length / required.length, found, WEIGHTS.labels * required.length);
}

export function scoreText(supplier: MatchSupplier): Part {
  const relevance = clamp01(supplier.textRelevance);
  return part("text", relevance, relevance >= TEXT_REASON_THRESHOLD ? [reasons.text()] : []);
}

export function scoreResponsiveness(supplier: MatchSupplier): Part {
  const notified = Math.max(0, Math.floor(supplier.responsiveness.notified));
  const answered = Math.min(notified, Math.max(0, Math.floor(supplier.responsiveness.answered)));
  const smoothedRate = (answered + RESPONSIVENESS_PRIOR.answered) / (notified + RESPONSIVENESS_PRIOR.notified);
  const found =
    notified === 0
      ? []
      : notified >= RESPONSIVE_MIN_NOTIFIED && answered / notified >= RESPONSIVE_RATE
        ? [reasons.responsive(answered, notified)]
        : [reasons.rarelyResponsive(answered, notified)];
  return part("responsiveness", smoothedRate, found);
}

// ---------------------------------------------------------------- total

/**
 * Scores how well a supplier fits a need. `eligible` applies the hard filters (an activity fit
 * and a geographic fit); the score is computed either way so that near misses can be explained.
 * The score is the share of the applicable maximum, on 0..100.
 */
export function scoreMatch(need: MatchNeed, supplier: MatchSupplier, ctx: MatchContext): MatchResult {
  const category = scoreCategory(need, supplier, ctx);
  const geography = scoreGeography(need, supplier, ctx);
  const labels = scoreLabels(need, supplier, ctx);
  const parts = [
    category,
    geography,
    scoreQpv(supplier),
    ...(labels ? [labels] : []),
    scoreText(supplier),
    scoreResponsiveness(supplier),
  ];
  const points = parts.reduce((sum, p) => sum + p.component.points, 0);
  const max = parts.reduce((sum, p) => sum + p.component.max, 0);
  return {
    score: max === 0 ? 0 : Math.round((100 * points) / max),
    eligible: category.eligible === true && geography.eligible === true,
    components: parts.map((p) => p.component),
    reasons: parts.flatMap((p) => p.reasons),
  };
}
