// Which opportunities a signed-in person may see and change: those of the buyer and supplier
// organisations they belong to, those of the clubs they animate (on the participants' behalf),
// and every one for an admin.
import type { SessionUser } from "../accounts/session.server";
import { addNote, changeStage, getOpportunity, supplierIdOfOrganisation, type OpportunityScope } from "./opportunities.server";
import type { OpportunityUpdate } from "./schemas";

export type ActingScope = { scope: OpportunityScope; label: string; via: string | null; organisationSlug?: string };

/** The scopes of a person, their own organisations first. */
export async function scopesOf(user: SessionUser): Promise<ActingScope[]> {
  const scopes: ActingScope[] = [];
  for (const m of user.memberships) {
    if (m.kind === "buyer") scopes.push({ scope: { kind: "buyer", organisationId: m.organisationId }, label: m.name, via: null, organisationSlug: m.slug });
    if (m.kind === "supplier") {
      const supplierId = await supplierIdOfOrganisation(m.organisationId);
      if (supplierId) scopes.push({ scope: { kind: "supplier", supplierId }, label: m.name, via: null, organisationSlug: m.slug });
    }
  }
  for (const m of user.memberships) {
    if (m.kind === "club") scopes.push({ scope: { kind: "club", clubId: m.organisationId }, label: m.name, via: `Animation du club ${m.name}` });
  }
  if (user.isAdmin) scopes.push({ scope: { kind: "admin" }, label: "Administration", via: "Administration Proxima" });
  return scopes;
}

/** The person's own organisation scopes (buyer or supplier), the one named by `?org=` first. */
export async function ownScopes(user: SessionUser, wantedSlug: string | null): Promise<ActingScope[]> {
  const own = (await scopesOf(user)).filter((s) => s.scope.kind === "buyer" || s.scope.kind === "supplier");
  const wanted = own.find((s) => s.organisationSlug === wantedSlug);
  return wanted ? [wanted, ...own.filter((s) => s !== wanted)] : own;
}

/** The opportunity with the first scope that may see it, or null (a 404 at the edge, never a hint). */
export async function opportunityFor(user: SessionUser, opportunityId: string) {
  if (!/^[0-9a-f-]{36}$/i.test(opportunityId)) return null;
  for (const acting of await scopesOf(user)) {
    const opportunity = await getOpportunity(acting.scope, opportunityId);
    if (opportunity) return { opportunity, acting };
  }
  return null;
}

/** Applies a validated update (stage or note) within a scope. */
export async function applyUpdate(input: { acting: ActingScope; actorId: string; opportunityId: string; update: OpportunityUpdate; via?: string | null }) {
  const { acting, update } = input;
  const base = { scope: acting.scope, opportunityId: input.opportunityId, actorId: input.actorId, via: input.via ?? acting.via };
  if (update.intent === "note") return addNote({ ...base, note: update.note });
  return changeStage({
    ...base,
    to: update.to,
    note: update.note ?? null,
    contract: update.to === "won" ? { signedOn: update.signedOn!, amountCents: update.amount!, durationMonths: update.durationMonths, recurring: update.recurring } : null,
    lostReason: update.to === "lost" ? (update.lostReason ?? null) : null,
  });
}
