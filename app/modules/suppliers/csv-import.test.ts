import { existsSync, readFileSync } from "node:fs";
import { parse } from "csv-parse/sync";
import iconv from "iconv-lite";
import { beforeAll, describe, expect, it } from "vitest";
import {
  type Commune,
  type ImportLookups,
  type ParsedRow,
  communeNameKey,
  decodeCsvBytes,
  detectDelimiter,
  normalizePhone,
  normalizeWebsite,
  parseSupplierCsv,
  rejectedRowsCsv,
  summarizeImport,
} from "./csv-import";

/** Reference data: the project's copy when the lead has added it, else the shared one. */
function referenceFile(name: string): string | undefined {
  return [`db/data/${name}`, `/work/shared/data/${name}`].find((p) => existsSync(p));
}
function readCsv(path: string): Record<string, string>[] {
  return parse(readFileSync(path), { columns: true, bom: true, skip_empty_lines: true });
}

const communesPath = referenceFile("communes.csv");
const nafPath = referenceFile("naf-rev2.csv");
const suppliersPath = referenceFile("suppliers-siae.csv");

/** Lookups over the reference CSVs, shaped like the lead's database-backed ones. */
function referenceLookups(): ImportLookups {
  const byInsee = new Map<string, Commune>();
  const byPostal = new Map<string, Commune[]>();
  const byDepartment = new Map<string, Commune[]>();
  for (const r of readCsv(communesPath!)) {
    const commune: Commune = {
      inseeCode: r.code_insee!,
      name: r.nom!,
      latitude: r.latitude ? Number(r.latitude) : null,
      longitude: r.longitude ? Number(r.longitude) : null,
    };
    byInsee.set(commune.inseeCode, commune);
    for (const postal of (r.codes_postaux ?? "").split(";").filter(Boolean)) {
      byPostal.set(postal, [...(byPostal.get(postal) ?? []), commune]);
    }
    const dep = r.dep_code!.startsWith("2A") || r.dep_code!.startsWith("2B") ? "20" : r.dep_code!;
    byDepartment.set(dep, [...(byDepartment.get(dep) ?? []), commune]);
  }
  const nafCodes = new Set(readCsv(nafPath!).filter((r) => r.niveau === "sous-classe").map((r) => r.code_ape!));
  const sameName = (name: string) => (c: Commune) => communeNameKey(c.name) === communeNameKey(name);
  return {
    communeByInsee: (code) => byInsee.get(code),
    communeByPostalAndName: (postal, name) => byPostal.get(postal)?.find(sameName(name)),
    communeByDepartmentAndName: (dep, name) => {
      const found = byDepartment.get(dep)?.filter(sameName(name)) ?? [];
      return found.length === 1 ? found[0] : undefined;
    },
    nafExists: (code) => nafCodes.has(code),
  };
}

/** A handful of communes, enough for the hand-written cases. */
const stubLookups: ImportLookups = (() => {
  const communes: (Commune & { postal: string })[] = [
    { inseeCode: "93063", name: "Romainville", postal: "93230", latitude: 48.88, longitude: 2.43 },
    { inseeCode: "93048", name: "Montreuil", postal: "93100", latitude: 48.86, longitude: 2.45 },
    { inseeCode: "42218", name: "Saint-Étienne", postal: "42000", latitude: 45.43, longitude: 4.39 },
    { inseeCode: "01001", name: "L'Abergement-Clémenciat", postal: "01400", latitude: 46.15, longitude: 4.93 },
  ];
  return {
    communeByInsee: (code) => communes.find((c) => c.inseeCode === code),
    communeByPostalAndName: (postal, name) =>
      communes.find((c) => c.postal === postal && communeNameKey(c.name) === communeNameKey(name)),
    nafExists: (code) => ["5621Z", "8899B", "8121Z", "7820Z"].includes(code),
  };
})();

const HEADER =
  "siret,raison_sociale,enseigne,type_structure,code_naf,forme_juridique,adresse,code_postal,commune,code_insee_commune,latitude,longitude,site_web,effectif,description";

const utf8 = (text: string) => new TextEncoder().encode(text);

function parseText(text: string, lookups: ImportLookups = stubLookups) {
  return parseSupplierCsv(utf8(text), lookups);
}

describe("decodeCsvBytes", () => {
  it("reads UTF-8 with and without BOM", () => {
    expect(decodeCsvBytes(utf8("siret,é"))).toBe("siret,é");
    expect(decodeCsvBytes(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("siret,é")]))).toBe("siret,é");
  });
  it("falls back to Windows-1252 on invalid UTF-8", () => {
    const bytes = iconv.encode("Société ; Œuvre – « quai » €", "windows-1252");
    expect(decodeCsvBytes(new Uint8Array(bytes))).toBe("Société ; Œuvre – « quai » €");
  });
  it("reads UTF-16 with BOM (Excel « texte Unicode »)", () => {
    const bytes = new Uint8Array([0xff, 0xfe, ...iconv.encode("a;é", "utf-16le")]);
    expect(decodeCsvBytes(bytes)).toBe("a;é");
  });
});

describe("detectDelimiter", () => {
  it.each([
    ["siret,raison_sociale,commune\n1;2", ","],
    ["siret;raison_sociale;commune\n1,2", ";"],
    ['"a,b";c;d\n', ";"],
    ["siret\n", ","],
    ["", ","],
  ])("%j → %s", (text, expected) => {
    expect(detectDelimiter(text)).toBe(expected);
  });
});

describe("small normalizers", () => {
  it.each([
    ["www.exemple.fr", "https://www.exemple.fr/"],
    ["http://exemple.fr/page", "http://exemple.fr/page"],
    ["  exemple.fr ", "https://exemple.fr/"],
    ["ftp://exemple.fr", null],
    ["pas une adresse", null],
    ["localhost", null],
    ["", null],
  ])("website %j → %j", (input, expected) => {
    expect(normalizeWebsite(input)).toBe(expected);
  });

  it.each([
    ["01 23 45 67 89", "+33123456789"],
    ["01.23.45.67.89", "+33123456789"],
    ["+33 6 12 34 56 78", "+33612345678"],
    ["0033612345678", "+33612345678"],
    ["+32 2 123 45 67", "+3221234567"],
    ["12 34", null],
    ["appelez-nous", null],
  ])("phone %j → %j", (input, expected) => {
    expect(normalizePhone(input)).toBe(expected);
  });

  it.each([
    ["Saint-Étienne", "ST ETIENNE"],
    ["SAINT-OMER CEDEX", "Saint-Omer"],
    ["Wœrth", "WOERTH"],
    ["Sainte-Marie", "STE MARIE"],
  ])("commune %j ≈ %j", (a, b) => {
    expect(communeNameKey(a)).toBe(communeNameKey(b));
  });
});

describe("parseSupplierCsv: header", () => {
  it("reports missing required columns in French", () => {
    const result = parseText("enseigne,commune\nX,Y\n");
    expect(result.headerErrors).toEqual([
      "Colonnes obligatoires manquantes : siret, raison_sociale.",
      "Il faut une colonne code_insee_commune, ou les colonnes code_postal et commune, pour situer chaque entreprise.",
    ]);
    expect(result.rows).toEqual([]);
  });

  it("accepts accented, capitalised and aliased headers, and warns on unknown ones", () => {
    const result = parseText("SIRET;Raison sociale;Code INSEE;Courriel;Téléphone;Couleur\n80746931700018;Baluchon;93063;contact@baluchon.fr;01 23 45 67 89;bleu\n");
    expect(result.headerErrors).toEqual([]);
    expect(result.headerWarnings).toEqual(["Colonne ignorée : « Couleur »."]);
    expect(result.delimiter).toBe(";");
    expect(result.rows[0]?.value).toMatchObject({
      siret: "80746931700018",
      legalName: "Baluchon",
      communeInsee: "93063",
      email: "contact@baluchon.fr",
      phone: "+33123456789",
    });
  });

  it("reports a file that is not readable CSV", () => {
    const result = parseText(`${HEADER}\n80746931700018,"X sans fin,,,,,,93230,Romainville,93063,,,,,\n`);
    expect(result.rows).toEqual([]);
    expect(result.headerErrors[0]).toMatch(/^Le fichier n'a pas pu être lu comme un CSV/);
  });

  it("says so when the file is empty", () => {
    expect(parseText("").headerErrors).toEqual(["Le fichier est vide."]);
  });
});

describe("parseSupplierCsv: rows", () => {
  const good = "80746931700018,BALUCHON A TABLE CITOYENS,Baluchon,EI,56.21Z,SARL,Rue Madeleine Odru,93230,Romainville,93063,48.88053,2.431955,www.baluchon.fr,50 à 99 salariés,Traiteur solidaire";

  it("builds a record with normalized values", () => {
    const { rows } = parseText(`${HEADER}\n${good}\n`);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ line: 2, errors: [], warnings: [] });
    expect(rows[0]!.value).toEqual({
      siret: "80746931700018",
      siren: "807469317",
      legalName: "BALUCHON A TABLE CITOYENS",
      tradeName: "Baluchon",
      structureTypes: ["EI"],
      labels: ["siae-ei", "esus", "ess"],
      nafCode: "5621Z",
      suggestedCategories: ["restauration-traiteur"],
      legalForm: "SARL",
      address: "Rue Madeleine Odru",
      postalCode: "93230",
      communeInsee: "93063",
      communeName: "Romainville",
      latitude: 48.88053,
      longitude: 2.431955,
      website: "https://www.baluchon.fr/",
      headcountBand: "50 à 99 salariés",
      description: "Traiteur solidaire",
      email: null,
      phone: null,
    });
  });

  it.each([
    ["bad check digit", "80746931700019,X,,,,,,93230,Romainville,93063,,,,,", ["SIRET invalide (clé de contrôle)"]],
    ["short SIRET", "8074693170001,X,,,,,,93230,Romainville,93063,,,,,", ["SIRET invalide (14 chiffres attendus) : 8074693170001"]],
    ["missing SIRET", ",X,,,,,,93230,Romainville,93063,,,,,", ["SIRET manquant"]],
    ["missing name", "80746931700018,,,,,,,93230,Romainville,93063,,,,,", ["Raison sociale manquante"]],
    ["unknown NAF", "80746931700018,X,,,1234X,,,93230,Romainville,93063,,,,,", ["Code NAF inconnu : 1234X"]],
    ["malformed NAF", "80746931700018,X,,,cuisine,,,93230,Romainville,93063,,,,,", ["Code NAF inconnu : cuisine"]],
    ["unknown commune", "80746931700018,X,,,,,,75000,Nulle-Part,99999,,,,,", ["Commune introuvable (code INSEE 99999, code postal 75000, commune « Nulle-Part »)"]],
    ["no commune at all", "80746931700018,X,,,,,,,,,,,,,", ["Commune manquante (code INSEE, ou code postal et nom de commune)"]],
    ["two problems", "80746931700019,,,,,,,93230,Romainville,93063,,,,,", ["SIRET invalide (clé de contrôle)", "Raison sociale manquante"]],
    ["wrong column count", "80746931700018,X,93063", ["Nombre de colonnes incorrect (3 au lieu de 15)"]],
  ])("rejects: %s", (_case, line, errors) => {
    const { rows } = parseText(`${HEADER}\n${line}\n`);
    expect(rows[0]?.errors).toEqual(errors);
    expect(rows[0]?.value).toBeUndefined();
  });

  it("rejects a bad e-mail and a bad phone number", () => {
    const { rows } = parseText(`${HEADER},email,telephone\n${good},pas-un-email,12\n`);
    expect(rows[0]?.errors).toEqual(["E-mail invalide : pas-un-email", "Téléphone invalide : 12"]);
  });

  it("resolves the commune by postal code and name, accents and case aside", () => {
    const { rows } = parseText(`${HEADER}\n80746931700018,X,,,,,,42000,ST-ETIENNE,,,,,,\n`);
    expect(rows[0]?.value).toMatchObject({ communeInsee: "42218", communeName: "Saint-Étienne", latitude: 45.43 });
  });

  it("falls back on postal code and name when the INSEE code is unknown, with a warning", () => {
    const { rows } = parseText(`${HEADER}\n80746931700018,X,,,,,,93100,montreuil,93999,,,,,\n`);
    expect(rows[0]?.value?.communeInsee).toBe("93048");
    expect(rows[0]?.warnings).toEqual(["Code INSEE 93999 inconnu : commune trouvée par son code postal et son nom (Montreuil, 93048)"]);
  });

  it("uses the department + name fallback for CEDEX postal codes when the lookup offers it", () => {
    const line = `${HEADER}\n80746931700018,X,,,,,,42029,Saint-Étienne Cedex 1,,,,,,\n`;
    expect(parseText(line).rows[0]?.errors).toEqual(["Commune introuvable (code postal 42029, commune « Saint-Étienne Cedex 1 »)"]);
    const withDepartment: ImportLookups = {
      ...stubLookups,
      communeByDepartmentAndName: (dep, name) =>
        dep === "42" && communeNameKey(name) === communeNameKey("Saint-Étienne") ? { inseeCode: "42218", name: "Saint-Étienne" } : undefined,
    };
    expect(parseText(line, withDepartment).rows[0]?.value?.communeInsee).toBe("42218");
  });

  it("restores leading zeros dropped by a spreadsheet", () => {
    const { rows } = parseText(`${HEADER}\n80746931700018,X,,,,,,1400,,1001,,,,,\n`);
    expect(rows[0]?.value).toMatchObject({ communeInsee: "01001", postalCode: "01400" });
  });

  it("keeps the row but drops an invalid website or coordinates, with warnings", () => {
    const { rows } = parseText(`${HEADER}\n80746931700018,X,,,,,,93230,,93063,999,2.4,pas une adresse,,\n`);
    expect(rows[0]?.value).toMatchObject({ website: null, latitude: 48.88, longitude: 2.43 });
    expect(rows[0]?.warnings).toEqual([
      "Site web ignoré (adresse non valide) : pas une adresse",
      "Coordonnées ignorées (latitude ou longitude non valide)",
    ]);
  });

  it("counts lines across quoted multi-line fields and skips blank ones", () => {
    const text = `${HEADER}\r\n${good.replace("Traiteur solidaire", '"ligne 1\r\nligne 2\r\nligne 3"')}\r\n\r\n;;\r\n75187049400026,LA COLLECTERIE,,ACI,,,,93100,Montreuil,93048,,,,,`;
    const { rows } = parseText(text);
    expect(rows.map((r) => r.line)).toEqual([2, 6, 7]);
    expect(rows[0]?.value?.description).toBe("ligne 1\nligne 2\nligne 3");
    expect(rows[1]?.errors[0]).toMatch(/^Nombre de colonnes incorrect/);
    expect(rows[2]?.value?.legalName).toBe("LA COLLECTERIE");
  });

  it("merges duplicate SIRETs: the last occurrence wins, structure types are united", () => {
    const text = [
      HEADER,
      "80746931700018,ANCIEN NOM,,ACI,,,,93230,Romainville,93063,,,,,",
      "75187049400026,LA COLLECTERIE,,ACI,,,,93100,Montreuil,93048,,,,,",
      "80746931700018,NOUVEAU NOM,,AI,,,,93230,Romainville,93063,,,,,",
    ].join("\n");
    const { rows } = parseText(text);
    expect(rows[0]?.value).toBeUndefined();
    expect(rows[0]).toMatchObject({
      errors: [],
      mergedInto: 4,
      warnings: ["SIRET 80746931700018 en double : cette ligne est remplacée par la ligne 4"],
    });
    expect(rows[2]?.value).toMatchObject({
      legalName: "NOUVEAU NOM",
      structureTypes: ["ACI", "AI"],
      labels: ["siae-aci", "esus", "ess", "siae-ai"],
    });
    expect(rows[2]?.warnings).toEqual(["SIRET en double : cette ligne remplace la ligne 2"]);
    expect(summarizeImport(rows)).toMatchObject({ kept: 2, rejected: 0, merged: 1 });
  });

  it("does not let a rejected duplicate replace an accepted one", () => {
    const text = [HEADER, "80746931700018,BON,,,,,,93230,Romainville,93063,,,,,", "80746931700018,,,,,,,93230,Romainville,93063,,,,,"].join("\n");
    const { rows } = parseText(text);
    expect(rows[0]?.value?.legalName).toBe("BON");
    expect(rows[1]?.errors).toEqual(["Raison sociale manquante"]);
  });
});

describe("Windows-1252 file with semicolons (Excel, French locale)", () => {
  it("decodes accents, detects ';' and parses", () => {
    const text = [
      HEADER.replaceAll(",", ";"),
      "80746931700018;BALUCHON À TABLE;Baluchon – À table citoyens;EI;56,21Z;SARL;Rue Madeleine Odru;93230;Romainville;93063;48,88053;2,431955;;20 à 49 salariés;Cuisine « maison », traiteur",
      '75187049400026;LA COLLECTERIE;"Collecterie; réemploi";ACI;;;18 Rue Saint-Antoine;93100;Montreuil;93048;;;;;"Ressourcerie ; ""réemploi"""',
    ].join("\r\n");
    const bytes = new Uint8Array(iconv.encode(text, "windows-1252"));
    const result = parseSupplierCsv(bytes, stubLookups);
    expect(result.delimiter).toBe(";");
    expect(result.headerErrors).toEqual([]);
    const [a, b] = result.rows;
    // "56,21Z" is not a NAF code: only dots are accepted as separators.
    expect(a?.errors).toEqual(["Code NAF inconnu : 56,21Z"]);
    expect(a?.raw.raison_sociale).toBe("BALUCHON À TABLE");
    expect(a?.raw.description).toBe("Cuisine « maison », traiteur");
    expect(b?.value).toMatchObject({ tradeName: "Collecterie; réemploi", description: 'Ressourcerie ; "réemploi"' });
  });

  it("reads decimal commas in coordinates", () => {
    const text = `${HEADER.replaceAll(",", ";")}\r\n80746931700018;X;;;;;;93230;Romainville;93063;48,88053;2,431955;;;`;
    const { rows } = parseSupplierCsv(new Uint8Array(iconv.encode(text, "windows-1252")), stubLookups);
    expect(rows[0]?.value).toMatchObject({ latitude: 48.88053, longitude: 2.431955 });
  });
});

describe("rejectedRowsCsv", () => {
  it("writes the original columns and the reasons, quoted, re-readable", () => {
    const text = [
      HEADER,
      '80746931700019,"Nom, avec virgule",,,,,,93230,Romainville,93063,,,,,"Dit ""bonjour""\nsur deux lignes"',
      "80746931700018,BON,,,,,,93230,Romainville,93063,,,,,",
      "80746931700018,,,,1234X,,,93230,Romainville,93063,,,,,",
    ].join("\n");
    const { rows } = parseText(text);
    const out = rejectedRowsCsv(rows);
    expect(out.startsWith("\uFEFFsiret,raison_sociale,")).toBe(true);
    const back: Record<string, string>[] = parse(out, { columns: true, bom: true });
    expect(back).toHaveLength(2);
    expect(back[0]).toMatchObject({
      siret: "80746931700019",
      raison_sociale: "Nom, avec virgule",
      description: 'Dit "bonjour"\nsur deux lignes',
      motif_rejet: "SIRET invalide (clé de contrôle)",
    });
    expect(back[1]?.motif_rejet).toBe("Raison sociale manquante ; Code NAF inconnu : 1234X");
    expect(Object.keys(back[0]!)).toHaveLength(16);
  });

  it("writes a header even when nothing is rejected", () => {
    expect(rejectedRowsCsv([], { bom: false })).toBe(`${HEADER},motif_rejet\r\n`);
  });
});

describe.skipIf(!communesPath || !nafPath || !suppliersPath)("real file: suppliers-siae.csv", () => {
  let rows: ParsedRow[] = [];
  let recordCount = 0;

  beforeAll(() => {
    const bytes = new Uint8Array(readFileSync(suppliersPath!));
    recordCount = readCsv(suppliersPath!).length;
    const result = parseSupplierCsv(bytes, referenceLookups());
    expect(result.headerErrors).toEqual([]);
    rows = result.rows;
  });

  it("keeps almost every row and explains the others", () => {
    const summary = summarizeImport(rows);
    const warnings = new Map<string, number>();
    for (const r of rows) for (const w of r.warnings) {
      const kind = w.replace(/\s*[(:].*$/, "").replace(/SIRET \d+ en double.*/, "SIRET en double (ligne remplacée)");
      warnings.set(kind, (warnings.get(kind) ?? 0) + 1);
    }
    console.info(
      `suppliers-siae.csv : ${rows.length} lignes, ${summary.kept} entreprises gardées, ${summary.rejected} rejetées, ` +
        `${summary.merged} doublons de SIRET fusionnés\n  motifs de rejet : ${JSON.stringify(summary.rejectionReasons)}\n` +
        `  avertissements : ${JSON.stringify(Object.fromEntries(warnings))}\n  rejets :\n` +
        rows
          .filter((r) => r.errors.length > 0)
          .map((r) => `    l.${r.line} ${r.raw.siret} ${r.raw.raison_sociale} — ${r.errors.join(" ; ")}`)
          .join("\n"),
    );
    expect(rows).toHaveLength(recordCount);
    expect(summary.kept + summary.rejected + summary.merged).toBe(rows.length);
    expect(summary.kept / rows.length).toBeGreaterThan(0.98);
    expect(summary.merged).toBeGreaterThan(0);
    const kinds = Object.keys(summary.rejectionReasons);
    expect(kinds).toEqual(expect.arrayContaining(["SIRET invalide", "Commune introuvable"]));
  });

  it("leaves each SIRET once among kept rows", () => {
    const sirets = rows.flatMap((r) => (r.value ? [r.value.siret] : []));
    expect(new Set(sirets).size).toBe(sirets.length);
  });

  it("gives line numbers that point at the record's first line", () => {
    const lines = readFileSync(suppliersPath!, "utf8").split(/\r?\n/);
    for (const row of rows) {
      expect(lines[row.line - 1]?.startsWith(`${row.raw.siret},`), `line ${row.line}`).toBe(true);
    }
  });

  it("normalizes every kept NAF code and places every kept company", () => {
    for (const r of rows) {
      if (!r.value) continue;
      expect(r.value.nafCode === null || /^\d{4}[A-Z]$/.test(r.value.nafCode)).toBe(true);
      expect(r.value.communeInsee).toMatch(/^[0-9][0-9AB]\d{3}$/);
    }
  });
});
