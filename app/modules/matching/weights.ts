// The single source of the matching weights. Rationale: docs/decisions/0004-matching-weights.md.

export type ComponentKey = "category" | "geography" | "qpv" | "labels" | "text" | "responsiveness";

/** Maximum points of each component. Labels only count when the need requires some. */
export const WEIGHTS = {
  category: 35,
  geography: 25,
  qpv: 15,
  labels: 10,
  text: 15,
  responsiveness: 10,
} as const satisfies Record<ComponentKey, number>;

/** Share of the category points earned by a NAF fit alone (no declared category in common). */
export const NAF_ONLY_SHARE = 0.7;

/** Geography: share kept at the edge of the reference distance (linear decay from 1 at 0 km). */
export const GEOGRAPHY_FLOOR_SHARE = 0.3;
/** Reference distance for the decay when the perimeter is not a radius. */
export const REFERENCE_KM = { departments: 100, epci: 40, national: 300 } as const;
/** Outside the need's perimeter but inside the supplier's zone: this fraction of the floor share. */
export const ZONE_ONLY_SHARE = 0.7;
/** Share earned when inside is decided by department/EPCI equality because coordinates are missing. */
export const NO_DISTANCE_SHARE = 0.6;

export const QPV_SHARE = { verified: 1, declared: 1 / 3, none: 0, rejected: 0 } as const;

/** Text relevance at or above which the reason "Mots-clés en commun" is shown. */
export const TEXT_REASON_THRESHOLD = 0.3;

/** Beta(1,1) prior: a supplier never notified counts as answering half the time. */
export const RESPONSIVENESS_PRIOR = { answered: 1, notified: 2 } as const;
/** Answer rate from which "Répond souvent" is said, and the minimum history to say it. */
export const RESPONSIVE_RATE = 0.5;
export const RESPONSIVE_MIN_NOTIFIED = 2;
