import { randomUUID } from "node:crypto";
import type { Executor } from "../client";
import { clubQpvs, clubs, memberships, organisations, users } from "../schema";
import { hashPassword } from "../../app/modules/accounts/passwords.server";
import { slugify } from "../../app/lib/text";

/** Building blocks shared by the demo seed and the tests: real rows, written like the services do. */

let cachedHash: { password: string; hash: Promise<string> } | undefined;
/** argon2id is slow by design: factories hash a given password once and reuse it. */
function passwordHashFor(password: string): Promise<string> {
  if (cachedHash?.password !== password) cachedHash = { password, hash: hashPassword(password) };
  return cachedHash.hash;
}

export async function createUser(
  db: Executor,
  input: { email?: string; password?: string; displayName?: string; isAdmin?: boolean; verified?: boolean } = {},
) {
  const id = randomUUID();
  const [user] = await db
    .insert(users)
    .values({
      id,
      email: (input.email ?? `user-${id.slice(0, 8)}@test.example.org`).toLowerCase(),
      passwordHash: await passwordHashFor(input.password ?? "mot-de-passe-de-test"),
      displayName: input.displayName ?? "Personne Test",
      isAdmin: input.isAdmin ?? false,
      emailVerifiedAt: input.verified === false ? null : new Date(),
    })
    .returning();
  return user!;
}

export async function createOrganisationRow(
  db: Executor,
  input: { kind: "supplier" | "buyer" | "club"; name: string; slug?: string; members?: { userId: string; role?: "owner" | "member" }[] },
) {
  const [org] = await db
    .insert(organisations)
    .values({ kind: input.kind, name: input.name, slug: input.slug ?? `${slugify(input.name)}-${randomUUID().slice(0, 6)}` })
    .returning();
  for (const m of input.members ?? []) {
    await db.insert(memberships).values({ userId: m.userId, organisationId: org!.id, role: m.role ?? "owner" });
  }
  return org!;
}

export async function createClubRow(
  db: Executor,
  input: { name: string; slug?: string; epciSiren: string; epciName: string; qpvCodes: string[]; animatorIds?: string[]; description?: string },
) {
  const org = await createOrganisationRow(db, {
    kind: "club",
    name: input.name,
    slug: input.slug,
    members: (input.animatorIds ?? []).map((userId) => ({ userId, role: "member" as const })),
  });
  await db.insert(clubs).values({ organisationId: org.id, epciSiren: input.epciSiren, epciName: input.epciName, description: input.description ?? "" });
  if (input.qpvCodes.length) await db.insert(clubQpvs).values(input.qpvCodes.map((qpvCode) => ({ clubId: org.id, qpvCode })));
  return org;
}
