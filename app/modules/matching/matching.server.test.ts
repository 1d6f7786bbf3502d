import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { needs, supplierServices } from "../../../db/schema";
import { createClubRow, createOrganisationRow } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { buildTextQuery, localPotential, needsForSupplier, rankSuppliersForNeed, type NeedMatchInput } from "./matching.server";
import { taxonomyForCli } from "./taxonomy";

// Montreuil (93048) and Saint-Denis (93066) are 10 km apart; Lyon is 390 km away.
const montreuil = { communeInsee: "93048", lat: 48.863318, lon: 2.448162 };
const lyon = { communeInsee: "69123", lat: 45.758, lon: 4.835 };
const ids: Record<string, string> = {};

beforeAll(async () => {
  const make = async (key: string, values: Parameters<typeof createSupplierRow>[1]) => {
    ids[key] = (await createSupplierRow(db, { name: key, ...values })).id;
  };
  await make("Propreté QPV", { ...montreuil, categories: ["nettoyage"], qpvStatus: "verified", qpvCode: "QN09318M", description: "Nettoyage de bureaux et vitrerie" });
  await make("Propreté simple", { ...montreuil, categories: ["nettoyage"], description: "Entretien" });
  await make("Code NAF seul", { ...montreuil, categories: [], nafCode: "8121Z" });
  await make("Traiteur", { ...montreuil, categories: ["restauration-traiteur"] });
  await make("Lyon local", { ...lyon, categories: ["nettoyage"] });
  await make("Lyon national", { ...lyon, categories: ["nettoyage"], zoneKind: "national" });
  await db.insert(supplierServices).values({ supplierId: ids["Propreté simple"]!, title: "Lavage de vitres", description: "Vitrerie en hauteur" });
});

const need = {
  categories: ["nettoyage"],
  communeInsee: "93066",
  perimeter: { kind: "radius", radiusKm: 15 } as const,
  title: "Nettoyage de bureaux",
  description: "Entretien quotidien de bureaux et vitrerie",
};

describe("rankSuppliersForNeed", () => {
  it("keeps activity and geographic fits only, best first, with French reasons", async () => {
    const ranked = await rankSuppliersForNeed(need);
    const names = ranked.map((r) => r.name);
    expect(names).not.toContain("Traiteur");
    expect(names).not.toContain("Lyon local");
    expect(names[0]).toBe("Propreté QPV");
    expect(names).toContain("Code NAF seul");
    // Reached only through its national zone: after the same activity inside the perimeter.
    expect(names.indexOf("Lyon national")).toBeGreaterThan(names.indexOf("Propreté simple"));
    const best = ranked[0]!;
    expect(best.reasons).toContain("Catégorie : Nettoyage et propreté");
    expect(best.reasons.some((r) => r.startsWith("QPV vérifié"))).toBe(true);
    expect(best.reasons.some((r) => /^À \d+ km, dans le périmètre$/.test(r))).toBe(true);
    expect(best.distanceKm).toBeGreaterThan(5);
    expect(best.distanceKm).toBeLessThan(15);
    const nafOnly = ranked.find((r) => r.name === "Code NAF seul")!;
    expect(nafOnly.reasons).toContain("Code NAF compatible (81.21Z)");
  });

  it("uses the supplier's services for text relevance and honours the limit", async () => {
    const ranked = await rankSuppliersForNeed({ ...need, description: "Lavage de vitres en hauteur" }, { limit: 3 });
    expect(ranked).toHaveLength(3);
    const withServices = ranked.find((r) => r.name === "Propreté simple")!;
    expect(withServices.components.find((c) => c.key === "text")!.points).toBeGreaterThan(0);
  });

  it("applies department and national perimeters", async () => {
    const departments = await rankSuppliersForNeed({ ...need, perimeter: { kind: "departments", departments: ["69"] } });
    // Lyon inside the perimeter; Montreuil firms because Saint-Denis is inside the 30 km they serve.
    expect(departments.map((r) => r.name)).toEqual(expect.arrayContaining(["Lyon local", "Lyon national", "Propreté QPV"]));
    const lyonLocal = departments.find((r) => r.name === "Lyon local")!;
    expect(lyonLocal.reasons).toContain("Dans le périmètre (département 69)");
    const national = await rankSuppliersForNeed({ ...need, perimeter: { kind: "national" } });
    expect(national.map((r) => r.name)).toContain("Lyon local");
  });

  it("builds an OR text query without stop words or accents", () => {
    expect(buildTextQuery("Nous cherchons une entreprise pour l'entretien des espaces verts à Créteil")).toBe("entretien | espaces | verts | creteil");
    expect(buildTextQuery("")).toBe("");
  });
});

describe("needsForSupplier and localPotential", () => {
  it("lists open needs that fit the supplier, ranked, and skips closed, expired and unrelated ones", async () => {
    const buyer = await createOrganisationRow(db, { kind: "buyer", name: "Acheteur Feed" });
    const club = await createClubRow(db, { name: "Club Feed", epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [] });
    const base = { buyerOrganisationId: buyer.id, clubId: club.id, communeInsee: "93066", lat: 48.9356, lon: 2.3539, perimeterKind: "radius" as const, radiusKm: 15 };
    const [open] = await db
      .insert(needs)
      .values({ ...base, title: "Nettoyage de bureaux", categories: ["nettoyage"], status: "published", textQuery: buildTextQuery("Nettoyage de bureaux") })
      .returning();
    await db.insert(needs).values([
      { ...base, title: "Brouillon", categories: ["nettoyage"], status: "draft" },
      { ...base, title: "Expiré", categories: ["nettoyage"], status: "published", responseDeadline: "2020-01-01" },
      { ...base, title: "Repas", categories: ["restauration-traiteur"], status: "published" },
      { ...base, title: "Loin", categories: ["nettoyage"], status: "published", communeInsee: "69123", lat: 45.758, lon: 4.835 },
    ]);
    const feed = await needsForSupplier(ids["Propreté QPV"]!);
    expect(feed.map((f) => f.title)).toEqual(["Nettoyage de bureaux"]);
    expect(feed[0]!.needId).toBe(open!.id);
    expect(feed[0]!.reasons).toContain("Catégorie : Nettoyage et propreté");
    expect(feed[0]!.buyerName).toBe("Acheteur Feed");
    // NAF-only suppliers see it too.
    expect((await needsForSupplier(ids["Code NAF seul"]!)).map((f) => f.title)).toEqual(["Nettoyage de bureaux"]);
  });

  it("counts the local potential by QPV status and category", async () => {
    const potential = await localPotential({ categories: ["nettoyage", "restauration-traiteur"], communeInsee: "93048", radiusKm: 10 });
    expect(potential.byQpv.verified).toBe(1);
    expect(potential.byCategory.find((c) => c.slug === "nettoyage")!.count).toBe(4);
    expect(potential.byCategory.find((c) => c.slug === "restauration-traiteur")!.count).toBe(1);
    expect(potential.total).toBe(potential.suppliers.length);
    expect(potential.total).toBe(5);
  });

  it("prints the taxonomy for the CLI", () => {
    const taxonomy = taxonomyForCli();
    expect(taxonomy.find((c) => c.slug === "nettoyage")).toMatchObject({ label: "Nettoyage et propreté", naf: expect.arrayContaining(["8121Z"]) });
  });
});

describe("the upper-bound prefilter", () => {
  it("returns exactly the exhaustive ranking's head, whatever the page size, limit and threshold", async () => {
    // 40 suppliers around Montreuil with every component varying (seeded: the same on each run).
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
    const qpv = ["verified", "declared", "none"] as const;
    const zones = ["radius", "departments", "national"] as const;
    for (let i = 0; i < 40; i++) {
      await createSupplierRow(db, {
        name: `Prefiltre ${i}`,
        lat: 48.86 + (random() - 0.5) * 0.6,
        lon: 2.45 + (random() - 0.5) * 0.8,
        categories: random() < 0.8 ? ["nettoyage"] : [],
        nafCode: random() < 0.5 ? "8121Z" : null,
        qpvStatus: qpv[Math.floor(random() * 3)]!,
        labels: random() < 0.4 ? ["ess"] : [],
        zoneKind: zones[Math.floor(random() * 3)]!,
        zoneRadiusKm: 5 + Math.floor(random() * 40),
        zoneDepartments: ["93"],
        description: random() < 0.5 ? "Nettoyage de bureaux, vitrerie et entretien" : "Services divers",
      });
    }
    const needs: NeedMatchInput[] = [
      need,
      { ...need, requiredLabels: ["ess"] },
      { ...need, perimeter: { kind: "departments", departments: ["93", "75"] } },
      { ...need, perimeter: { kind: "national" }, description: "Vitrerie" },
    ];
    for (const n of needs) {
      for (const minScore of [0, 50]) {
        const exhaustive = await rankSuppliersForNeed(n, { minScore });
        expect(exhaustive.length).toBeGreaterThan(10);
        for (const [limit, firstPage] of [[1, 1], [3, 2], [7, 5], [7, 60]] as const) {
          const pruned = await rankSuppliersForNeed(n, { minScore, limit, firstPage });
          expect(pruned.map((r) => [r.supplierId, r.score, r.reasons])).toEqual(exhaustive.slice(0, limit).map((r) => [r.supplierId, r.score, r.reasons]));
        }
      }
    }
  });
});
