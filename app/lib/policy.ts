/**
 * Who may use a route. Every route module exports one of these as `policy`; a test walks the
 * route manifest and fails on a route without it, then checks each policy against every persona.
 * Plain data: it is imported by route modules on both the server and the client.
 */
export type Policy =
  | { kind: "public" }
  | { kind: "signed-in" }
  | { kind: "supplier" }
  | { kind: "buyer" }
  | { kind: "club-animator"; param: string }
  | { kind: "admin" };

/**
 * A route whose page is open but whose form is not (e.g. a public profile with a buyer-only
 * contact form) also exports `actionPolicy`; the manifest test then checks its action against it.
 */
export const policies = {
  public: { kind: "public" },
  signedIn: { kind: "signed-in" },
  supplier: { kind: "supplier" },
  buyer: { kind: "buyer" },
  /** Members of the club named by the route's `$clubSlug` (and admins). */
  clubAnimator: { kind: "club-animator", param: "clubSlug" },
  admin: { kind: "admin" },
} as const satisfies Record<string, Policy>;
