import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../connection";
import { appMeta, communes, memberships, opportunities, organisations, suppliers, users } from "../schema";
import { isValidSiret } from "../../app/modules/suppliers/siret";
import { demoLogins, isDemoSeeded, resetApplicationData, seedDemo } from "./demo";

describe("demo seed", () => {
  it("creates the club with the QPV of Est Ensemble, the four logins, and can be rebuilt", async () => {
    const demo = await seedDemo(db);
    expect(await isDemoSeeded(db)).toBe(true);
    expect(demo.qpvCodes.length).toBeGreaterThan(10);
    expect(demo.qpvCodes).toContain("QN09318M"); // Bel Air - Grands Pêchers (Montreuil)
    for (const login of demoLogins) expect((await db.select().from(users).where(eq(users.email, login.email))).length).toBe(1);
    const [club] = await db.select().from(organisations).where(eq(organisations.slug, "club-business-est-ensemble"));
    const animators = await db.select().from(memberships).where(eq(memberships.organisationId, club!.id));
    expect(animators.map((m) => m.userId)).toEqual([demo.userIds.animator]);
    const seeded = await db.select().from(suppliers);
    expect(seeded).toHaveLength(30);
    expect(seeded.every((s) => isValidSiret(s.siret))).toBe(true);
    expect(seeded.filter((s) => s.qpvCode && demo.qpvCodes.includes(s.qpvCode)).length).toBeGreaterThanOrEqual(27);
    expect(seeded.filter((s) => s.claimedAt)).toHaveLength(1);
    // After the past demo event: the demo buyer and supplier met, plus three directory contacts.
    const opps = await db.select().from(opportunities);
    expect(opps.map((o) => `${o.origin}:${o.stage}`).sort()).toEqual(["directory:lost", "directory:quote_sent", "directory:won", "event:meeting_held"]);
    expect(opps.every((o) => o.clubId === club!.id)).toBe(true);

    await resetApplicationData(db);
    expect(await isDemoSeeded(db)).toBe(false);
    expect((await db.select({ n: count() }).from(users))[0]!.n).toBe(0);
    expect((await db.select({ n: count() }).from(communes))[0]!.n).toBe(34990);
    expect((await db.select().from(appMeta).where(eq(appMeta.key, "reference_data"))).length).toBe(1);
    await seedDemo(db);
    expect(await isDemoSeeded(db)).toBe(true);
  });
});
