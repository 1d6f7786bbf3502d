import { and, eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { mails, memberships, outbox, qpvs, supplierAuditLog, supplierClaims, suppliers } from "../../../db/schema";
import { createClubRow, createUser } from "../../../db/seed/factories";
import { luhnValid } from "../suppliers/siret";
import { claimSupplier, findClaim, inviteSupplierToClaim } from "./claims.server";
import { importSuppliers } from "./import.server";
import { DomainError } from "~/lib/errors";

function siretFrom(prefix: string): string {
  for (let d = 0; d < 10; d++) if (luhnValid(`${prefix}${d}`)) return `${prefix}${d}`;
  throw new Error("unreachable");
}

const HEADER = "siret,raison_sociale,enseigne,type_structure,code_naf,forme_juridique,adresse,code_postal,commune,code_insee_commune,latitude,longitude,site_web,effectif,description,email";
const line = (siret: string, name: string, email = "") => `${siret},${name},,EI,8121Z,SAS,1 rue,93100,Montreuil,93048,,,,,,${email}`;
const csv = (lines: string[]) => new TextEncoder().encode(`${[HEADER, ...lines].join("\n")}\n`);

const sirets = {
  invited: siretFrom("2000000000001"),
  noEmail: siretFrom("2000000000002"),
  claimed: siretFrom("2000000000003"),
  elsewhere: siretFrom("2000000000004"),
  inQpv: siretFrom("2000000000005"),
};
const ids: Record<keyof typeof sirets, string> = { invited: "", noEmail: "", claimed: "", elsewhere: "", inQpv: "" };
let clubId = "";
let animatorId = "";
const now = new Date("2027-03-12T09:00:00Z");

async function supplierId(siret: string) {
  const [row] = await db.select({ id: suppliers.id }).from(suppliers).where(eq(suppliers.siret, siret));
  return row!.id;
}

async function latestTokenFor(email: string): Promise<string> {
  const [mail] = await db.select().from(mails).where(eq(mails.to, email)).orderBy(sql`${mails.id} DESC`).limit(1);
  const token = mail?.text.match(/\/revendiquer\/([\w-]+)/)?.[1];
  if (!token) throw new Error(`no claim link mailed to ${email}`);
  return token;
}

beforeAll(async () => {
  const animator = await createUser(db, { email: "animateur@claims.example.org" });
  animatorId = animator.id;
  const [qpv] = await db.select({ code: qpvs.code }).from(qpvs).where(sql`'93048' = ANY(${qpvs.communeInsees})`).limit(1);
  clubId = (await createClubRow(db, { name: "Club Revendication", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [qpv!.code], animatorIds: [animator.id] })).id;
  await importSuppliers({
    bytes: csv([
      line(sirets.invited, "ECLAT PROPRETE", "Contact@Eclat.example.org"),
      line(sirets.noEmail, "SANS COURRIEL"),
      line(sirets.claimed, "DEJA REVENDIQUEE", "deja@example.org"),
    ]),
    clubId,
    actorId: animatorId,
  });
  await importSuppliers({ bytes: csv([line(sirets.elsewhere, "AUTRE CLUB", "autre@example.org"), line(sirets.inQpv, "DANS LE QUARTIER", "quartier@example.org")]) });
  for (const key of Object.keys(sirets) as (keyof typeof sirets)[]) ids[key] = await supplierId(sirets[key]);
  await db.update(suppliers).set({ claimedAt: now }).where(eq(suppliers.id, ids.claimed));
  await db.update(suppliers).set({ qpvCode: qpv!.code, qpvStatus: "declared" }).where(eq(suppliers.id, ids.inQpv));
});

describe("inviteSupplierToClaim", () => {
  it("mails a 30-day link to the club's unclaimed profiles that have an e-mail, and counts the others", async () => {
    const result = await inviteSupplierToClaim({ clubId, supplierIds: Object.values(ids), actorId: animatorId, now });
    expect(result).toEqual({ invited: 2, alreadyClaimed: 1, withoutEmail: 1, notInClub: 1 });
    const [mail] = await db.select().from(mails).where(eq(mails.to, "contact@eclat.example.org"));
    expect(mail).toMatchObject({ kind: "supplier.claim_invitation" });
    expect(mail!.subject).toContain("ECLAT PROPRETE");
    expect(mail!.text).toContain("http://localhost:3000/revendiquer/");
    expect(mail!.text).toContain("11 avril 2027");
    const claims = await db.select().from(supplierClaims).where(eq(supplierClaims.supplierId, ids.invited));
    expect(claims).toHaveLength(1);
    expect(claims[0]!.expiresAt.toISOString()).toBe("2027-04-11T09:00:00.000Z");
    const audit = await db.select().from(supplierAuditLog).where(and(eq(supplierAuditLog.supplierId, ids.invited), eq(supplierAuditLog.action, "claim_invited")));
    expect(audit).toHaveLength(1);
    expect(await db.select().from(supplierClaims).where(eq(supplierClaims.supplierId, ids.elsewhere))).toEqual([]);
  });

  it("replaces the previous link when the profile is invited again", async () => {
    const first = await latestTokenFor("quartier@example.org");
    await inviteSupplierToClaim({ clubId, supplierIds: [ids.inQpv], actorId: animatorId, now: new Date(now.getTime() + 60_000) });
    const second = await latestTokenFor("quartier@example.org");
    expect(second).not.toBe(first);
    expect(await findClaim(first, new Date(now.getTime() + 120_000))).toMatchObject({ valid: false });
    expect(await findClaim(second, new Date(now.getTime() + 120_000))).toEqual({ supplierName: "DANS LE QUARTIER", valid: true });
  });
});

describe("claimSupplier", () => {
  it("refuses a SIRET that is not the invited company's, without using up the link", async () => {
    const user = await createUser(db, { email: "gerante@eclat.example.org" });
    const token = await latestTokenFor("contact@eclat.example.org");
    const error = await claimSupplier({ token, siret: sirets.noEmail, user, ip: "10.0.0.1", now }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: "invalid", details: { field: "siret" } });
    expect(await findClaim(token, now)).toMatchObject({ valid: true });
  });

  it("makes the signed-in user owner of the profile, once", async () => {
    const user = await createUser(db, { email: "gerant@eclat.example.org" });
    const token = await latestTokenFor("contact@eclat.example.org");
    const spaced = `${sirets.invited.slice(0, 3)} ${sirets.invited.slice(3, 6)} ${sirets.invited.slice(6, 9)} ${sirets.invited.slice(9)}`;
    const result = await claimSupplier({ token, siret: spaced, user, ip: "10.0.0.2", now });
    expect(result.supplierId).toBe(ids.invited);
    const [supplier] = await db.select().from(suppliers).where(eq(suppliers.id, ids.invited));
    expect(supplier!.claimedAt?.toISOString()).toBe(now.toISOString());
    expect(await db.select().from(memberships).where(eq(memberships.organisationId, supplier!.organisationId))).toMatchObject([{ userId: user.id, role: "owner" }]);
    expect(await db.select().from(supplierAuditLog).where(and(eq(supplierAuditLog.supplierId, ids.invited), eq(supplierAuditLog.action, "claimed")))).toMatchObject([{ actorId: user.id }]);
    expect(await db.select().from(outbox).where(sql`${outbox.payload}->>'supplierId' = ${ids.invited}`)).not.toHaveLength(0);

    const other = await createUser(db, { email: "intrus@example.org" });
    await expect(claimSupplier({ token, siret: sirets.invited, user: other, ip: "10.0.0.3", now })).rejects.toThrow("Ce lien n'est plus valable.");
    expect(await findClaim(token, now)).toMatchObject({ valid: false });
  });

  it("refuses an expired link and an unknown one", async () => {
    const user = await createUser(db);
    const token = await latestTokenFor("quartier@example.org");
    const later = new Date(now.getTime() + 31 * 86_400_000);
    await expect(claimSupplier({ token, siret: sirets.inQpv, user, ip: "10.0.0.4", now: later })).rejects.toMatchObject({ code: "invalid" });
    await expect(claimSupplier({ token: "inconnu", siret: sirets.inQpv, user, ip: "10.0.0.4", now })).rejects.toMatchObject({ code: "invalid" });
  });

  it("limits attempts per IP address", async () => {
    const user = await createUser(db);
    const token = await latestTokenFor("quartier@example.org");
    const attempts: string[] = [];
    for (let i = 0; i < 11; i++) {
      const error = await claimSupplier({ token, siret: "00000000000000", user, ip: "10.9.9.9", now }).catch((e: DomainError) => e);
      attempts.push((error as DomainError).code);
    }
    expect(attempts.slice(0, 10).every((c) => c === "invalid")).toBe(true);
    expect(attempts[10]).toBe("rate_limited");
  });
});
