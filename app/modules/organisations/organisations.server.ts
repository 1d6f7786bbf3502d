import { and, eq, like, or } from "drizzle-orm";
import type { Executor } from "../../../db/client";
import { db } from "../../../db/connection";
import { memberships, organisations, users } from "../../../db/schema";
import { slugify } from "~/lib/text";

export type OrganisationKind = "supplier" | "buyer" | "club";

/** A slug free among organisations: "boulangerie-martin", then "boulangerie-martin-2"… */
export async function uniqueOrganisationSlug(tx: Executor, name: string): Promise<string> {
  const base = slugify(name);
  const taken = await tx
    .select({ slug: organisations.slug })
    .from(organisations)
    .where(or(eq(organisations.slug, base), like(organisations.slug, `${base}-%`)));
  const used = new Set(taken.map((t) => t.slug));
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

export async function createOrganisation(
  tx: Executor,
  input: { kind: OrganisationKind; name: string; ownerId?: string; slug?: string },
) {
  const slug = input.slug ?? (await uniqueOrganisationSlug(tx, input.name));
  const [organisation] = await tx.insert(organisations).values({ kind: input.kind, name: input.name, slug }).returning();
  if (input.ownerId) {
    await tx.insert(memberships).values({ userId: input.ownerId, organisationId: organisation!.id, role: "owner" });
  }
  return organisation!;
}

export async function addMember(tx: Executor, input: { organisationId: string; userId: string; role: "owner" | "member" }) {
  await tx.insert(memberships).values(input).onConflictDoNothing();
}

/** Organisations of a user, with the user's role in each: one query. */
export async function membershipsOf(userId: string, executor: Executor = db) {
  return executor
    .select({
      organisationId: organisations.id,
      kind: organisations.kind,
      name: organisations.name,
      slug: organisations.slug,
      role: memberships.role,
    })
    .from(memberships)
    .innerJoin(organisations, eq(organisations.id, memberships.organisationId))
    .where(eq(memberships.userId, userId))
    .orderBy(organisations.name);
}

export async function isMember(userId: string, organisationId: string, executor: Executor = db): Promise<boolean> {
  const [row] = await executor
    .select({ userId: memberships.userId })
    .from(memberships)
    .where(and(eq(memberships.userId, userId), eq(memberships.organisationId, organisationId)));
  return Boolean(row);
}

export async function organisationMembers(organisationId: string, executor: Executor = db) {
  return executor
    .select({ userId: users.id, email: users.email, displayName: users.displayName, role: memberships.role })
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.organisationId, organisationId))
    .orderBy(users.displayName);
}
