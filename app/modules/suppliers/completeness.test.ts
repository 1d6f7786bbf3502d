import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COMPLETENESS_RULES, type SupplierProfileForCompleteness, profileCompleteness } from "./completeness";

const empty: SupplierProfileForCompleteness = {
  siret: null,
  legalName: null,
  tradeName: null,
  nafCode: null,
  categories: [],
  services: [],
  description: null,
  references: [],
  labels: [],
  website: null,
  contactName: null,
  email: null,
  phone: null,
  hasLogo: false,
  address: null,
  communeInsee: null,
  zoneServed: null,
  qpvDeclared: null,
};

const full: SupplierProfileForCompleteness = {
  siret: "80746931700018",
  legalName: "BALUCHON A TABLE CITOYENS",
  tradeName: "Baluchon",
  nafCode: "5621Z",
  categories: ["restauration-traiteur"],
  services: [{ title: "Plateaux-repas", description: "Livrés le midi, 10 à 200 personnes." }],
  description:
    "Traiteur solidaire de Romainville : nous cuisinons des produits frais et de saison et formons nos salariés en insertion aux métiers de la cuisine.",
  references: [{ client: "Mairie de Romainville" }],
  labels: ["siae-ei"],
  website: "https://www.baluchon.fr",
  contactName: "Camille Martin",
  email: "contact@baluchon.fr",
  phone: "+33123456789",
  hasLogo: true,
  address: "Rue Madeleine Odru",
  communeInsee: "93063",
  zoneServed: { departmentCodes: ["93", "75"] },
  qpvDeclared: false,
};

describe("weights", () => {
  it("sum to 100 and name each field once", () => {
    expect(COMPLETENESS_RULES.reduce((s, r) => s + r.weight, 0)).toBe(100);
    expect(new Set(COMPLETENESS_RULES.map((r) => r.field)).size).toBe(COMPLETENESS_RULES.length);
  });
});

describe("profileCompleteness", () => {
  it("gives 100 and nothing missing for a full profile", () => {
    expect(profileCompleteness(full)).toEqual({ score: 100, missing: [] });
  });

  it("gives 0 for an empty profile, heaviest missing item first", () => {
    const result = profileCompleteness(empty);
    expect(result.score).toBe(0);
    expect(result.missing[0]).toEqual({ field: "services", label: "Ajoutez au moins un service proposé", weight: 12 });
    expect(result.missing).toHaveLength(COMPLETENESS_RULES.length);
  });

  it("scores a freshly imported SIAE profile (SIRET, names, NAF, address, labels)", () => {
    const imported = { ...empty, siret: full.siret, legalName: full.legalName, nafCode: "5621Z", address: "Rue X", communeInsee: "93063", labels: ["siae-ei"], website: "https://x.fr" };
    expect(profileCompleteness(imported).score).toBe(10 + 5 + 3 + 7 + 3 + 3);
  });

  it.each<[string, Partial<SupplierProfileForCompleteness>, string]>([
    ["a service without description", { services: [{ title: "Ménage", description: " " }] }, "services"],
    ["a short description", { description: "Nous faisons du ménage." }, "description"],
    ["blank e-mail", { email: "   " }, "email"],
    ["an address without commune", { communeInsee: null }, "address"],
    ["an empty zone", { zoneServed: { communeInsees: [], radiusKm: 0 } }, "zoneServed"],
    ["an unanswered QPV question", { qpvDeclared: null }, "qpvDeclared"],
  ])("counts %s as missing", (_name, change, field) => {
    const result = profileCompleteness({ ...full, ...change });
    expect(result.missing.map((m) => m.field)).toEqual([field]);
  });

  it.each<[string, SupplierProfileForCompleteness["zoneServed"]]>([
    ["nationwide", { nationwide: true }],
    ["a radius", { radiusKm: 20 }],
    ["communes", { communeInsees: ["93063"] }],
  ])("accepts a zone given as %s", (_name, zoneServed) => {
    expect(profileCompleteness({ ...full, zoneServed }).score).toBe(100);
  });

  it("counts 'not in a QPV' as an answer", () => {
    expect(profileCompleteness({ ...full, qpvDeclared: false }).score).toBe(100);
  });
});

describe("properties", () => {
  const fieldNames = Object.keys(full) as (keyof SupplierProfileForCompleteness)[];
  // A random mix of fields taken from the full profile, the rest empty.
  const mixed = fc
    .subarray(fieldNames)
    .map((keys) => Object.fromEntries(fieldNames.map((k) => [k, keys.includes(k) ? full[k] : empty[k]])) as unknown as SupplierProfileForCompleteness);

  it("score + missing weights = 100, score within 0..100", () => {
    fc.assert(
      fc.property(mixed, (profile) => {
        const { score, missing } = profileCompleteness(profile);
        expect(score).toBeGreaterThanOrEqual(0);
        expect(score).toBeLessThanOrEqual(100);
        expect(score + missing.reduce((s, m) => s + m.weight, 0)).toBe(100);
      }),
    );
  });

  it("filling one more field never lowers the score", () => {
    fc.assert(
      fc.property(mixed, fc.constantFrom(...fieldNames), (profile, key) => {
        const more = { ...profile, [key]: full[key] };
        expect(profileCompleteness(more).score).toBeGreaterThanOrEqual(profileCompleteness(profile).score);
      }),
    );
  });
});
