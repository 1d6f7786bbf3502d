import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import {
  GENERIC_NAF_CODES,
  categoryLabel,
  getCategory,
  isGenericNaf,
  listCategories,
  normalizeNafCode,
  suggestCategories,
  suggestCategoriesForNaf,
  suggestCategoriesForText,
} from "./categories";

/** Reference data: the project's copy when the lead has added it, else the shared one. */
function referenceFile(name: string): string | undefined {
  return [`db/data/${name}`, `/work/shared/data/${name}`].find((p) => existsSync(p));
}
function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true });
}

const nafPath = referenceFile("naf-rev2.csv");
const suppliersPath = referenceFile("suppliers-siae.csv");

const REQUIRED = [
  "nettoyage", "espaces-verts", "restauration-traiteur", "batiment-second-oeuvre",
  "batiment-gros-oeuvre", "imprimerie", "communication-marketing", "informatique-numerique",
  "logistique-livraison", "evenementiel", "textile-couture", "recyclage-reemploi",
  "maintenance-multiservices", "formation", "securite-gardiennage", "transport-de-personnes",
  "conseil-gestion", "interim-mise-a-disposition", "blanchisserie", "demenagement",
  "mobilier-agencement", "fournitures-bureau", "audiovisuel-photo", "traduction-interpretariat",
  "sante-bien-etre",
];

describe("taxonomy", () => {
  const all = listCategories();

  it("holds the required categories, about 25 in all", () => {
    expect(all.map((c) => c.slug)).toEqual(expect.arrayContaining(REQUIRED));
    expect(all.length).toBeGreaterThanOrEqual(25);
    expect(all.length).toBeLessThanOrEqual(32);
  });

  it("has unique slugs and labels", () => {
    expect(new Set(all.map((c) => c.slug)).size).toBe(all.length);
    expect(new Set(all.map((c) => c.label)).size).toBe(all.length);
  });

  it("lists each NAF code once per category", () => {
    for (const c of all) expect(new Set(c.naf).size, c.slug).toBe(c.naf.length);
  });

  it("marks generic codes only where they are used", () => {
    const used = new Set(all.flatMap((c) => c.naf));
    for (const code of GENERIC_NAF_CODES) expect(used.has(code), code).toBe(true);
  });
});

describe.skipIf(!nafPath)("NAF codes against naf-rev2.csv", () => {
  it("uses only real sub-class codes", () => {
    const subClasses = new Set(
      readCsv(nafPath!)
        .filter((r) => r.niveau === "sous-classe")
        .map((r) => r.code_ape),
    );
    expect(subClasses.size).toBe(732);
    const unknown = listCategories().flatMap((c) =>
      c.naf.filter((code) => !subClasses.has(code)).map((code) => `${c.slug}:${code}`),
    );
    expect(unknown).toEqual([]);
  });
});

describe.skipIf(!suppliersPath)("coverage of suppliers-siae.csv", () => {
  it("suggests at least one category for ≥ 85 % of the rows", () => {
    const rows = readCsv(suppliersPath!);
    const withNaf = rows.filter((r) => suggestCategoriesForNaf(r.code_naf ?? "").length > 0);
    const specific = withNaf.filter((r) => !isGenericNaf(r.code_naf ?? ""));
    const withAny = rows.filter(
      (r) =>
        suggestCategories({
          nafCode: r.code_naf,
          text: [r.raison_sociale, r.enseigne, r.description].join(" "),
        }).length > 0,
    );
    const pct = (n: number) => Math.round((1000 * n) / rows.length) / 10;
    console.info(
      `NAF→catégorie : ${withNaf.length}/${rows.length} lignes (${pct(withNaf.length)} %), ` +
        `dont code NAF spécifique ${specific.length} (${pct(specific.length)} %) ; ` +
        `NAF + texte : ${withAny.length} (${pct(withAny.length)} %)`,
    );
    expect(withNaf.length / rows.length).toBeGreaterThanOrEqual(0.85);
    expect(withAny.length).toBeGreaterThanOrEqual(withNaf.length);
  });
});

describe("suggestCategoriesForNaf", () => {
  it.each([
    ["8121Z", ["nettoyage"]],
    ["81.21Z", ["nettoyage"]],
    ["81.21z", ["nettoyage"]],
    [" 8130Z ", ["espaces-verts"]],
    ["5621Z", ["restauration-traiteur"]],
    ["7820Z", ["interim-mise-a-disposition"]],
    ["7830Z", ["interim-mise-a-disposition"]],
    ["3832Z", ["recyclage-reemploi"]],
    ["4942Z", ["demenagement"]],
    ["7430Z", ["traduction-interpretariat"]],
    ["8110Z", ["nettoyage", "maintenance-multiservices"]],
    ["9900Z", []],
    ["", []],
    ["nimporte", []],
  ])("%s → %j", (code, expected) => {
    expect(suggestCategoriesForNaf(code)).toEqual(expected);
  });

  it("returns a fresh array each time", () => {
    const a = suggestCategoriesForNaf("8121Z");
    a.push("x");
    expect(suggestCategoriesForNaf("8121Z")).toEqual(["nettoyage"]);
  });

  it("maps generic codes to several categories", () => {
    expect(isGenericNaf("88.99B")).toBe(true);
    expect(suggestCategoriesForNaf("8899B").length).toBeGreaterThan(1);
  });
});

describe("suggestCategoriesForText", () => {
  it.each([
    ["Ménage et entretien des locaux", "nettoyage"],
    ["MENAGE", "nettoyage"],
    ["Atelier de couture et retouches", "textile-couture"],
    ["Ressourcerie du quartier", "recyclage-reemploi"],
    ["Main-d'œuvre en intérim d'insertion", "interim-mise-a-disposition"],
    ["Traiteur : plateaux-repas et buffets", "restauration-traiteur"],
  ])("%s → %s first", (text, slug) => {
    expect(suggestCategoriesForText(text)[0]).toBe(slug);
  });

  it("matches whole words only", () => {
    expect(suggestCategoriesForText("soutri")).toEqual([]);
    expect(suggestCategoriesForText("")).toEqual([]);
  });
});

describe("suggestCategories", () => {
  it("puts a specific NAF code first", () => {
    expect(suggestCategories({ nafCode: "8121Z", text: "couture" })).toEqual(["nettoyage", "textile-couture"]);
  });
  it("puts the text first when the NAF code is generic", () => {
    expect(suggestCategories({ nafCode: "9499Z", text: "atelier couture" })[0]).toBe("textile-couture");
  });
  it("accepts missing inputs", () => {
    expect(suggestCategories({})).toEqual([]);
    expect(suggestCategories({ nafCode: null, text: null })).toEqual([]);
  });
});

describe("getCategory / categoryLabel / normalizeNafCode", () => {
  it("finds by slug", () => {
    expect(getCategory("nettoyage")?.label).toBe("Nettoyage et propreté");
    expect(getCategory("inconnu")).toBeUndefined();
  });
  it("falls back to the slug", () => {
    expect(categoryLabel("blanchisserie")).toBe("Blanchisserie et pressing");
    expect(categoryLabel("disparue")).toBe("disparue");
  });
  it("normalizes", () => {
    expect(normalizeNafCode("56.21z")).toBe("5621Z");
  });
});
