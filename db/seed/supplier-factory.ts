import { randomUUID } from "node:crypto";
import type { Executor } from "../client";
import { suppliers } from "../schema";
import { createOrganisationRow } from "./factories";

/** A supplier profile with its organisation; fields default to a plausible Montreuil company. */
export async function createSupplierRow(
  db: Executor,
  input: Partial<typeof suppliers.$inferInsert> & { name?: string; ownerId?: string } = {},
) {
  const name = input.name ?? input.legalName ?? `Entreprise ${randomUUID().slice(0, 6)}`;
  const org = await createOrganisationRow(db, { kind: "supplier", name, members: input.ownerId ? [{ userId: input.ownerId }] : [] });
  const [row] = await db
    .insert(suppliers)
    .values({
      organisationId: org.id,
      slug: org.slug,
      siret: input.siret ?? randomSiret(),
      legalName: name,
      communeInsee: "93048",
      lat: 48.863318,
      lon: 2.448162,
      ...input,
    })
    .returning();
  return row!;
}

/** A random SIRET that passes the Luhn check. */
export function randomSiret(): string {
  const digits = Array.from({ length: 13 }, () => Math.floor(Math.random() * 10));
  for (let check = 0; check < 10; check++) {
    const candidate = [...digits, check];
    const sum = candidate.reduce((acc, d, i) => {
      const doubled = (candidate.length - i) % 2 === 0 ? d * 2 : d;
      return acc + (doubled > 9 ? doubled - 9 : doubled);
    }, 0);
    if (sum % 10 === 0) return candidate.join("");
  }
  throw new Error("unreachable");
}
