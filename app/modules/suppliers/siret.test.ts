import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  formatSiret,
  isValidSiren,
  isValidSiret,
  normalizeSiret,
  sirenOf,
  siretError,
} from "./siret";

const LENGTH = "Le SIRET doit comporter 14 chiffres.";
const KEY = "Le SIRET n'est pas valide (clé de contrôle).";

describe("normalizeSiret", () => {
  it.each([
    ["807 469 317 00018", "80746931700018"],
    ["807.469.317.00018", "80746931700018"],
    ["807-469-317-00018", "80746931700018"],
    ["807\u00a0469\u00a0317\u00a000018", "80746931700018"],
    [" 80746931700018 ", "80746931700018"],
  ])("%s → %s", (input, expected) => {
    expect(normalizeSiret(input)).toBe(expected);
  });
});

describe("siretError", () => {
  it.each([
    // Real SIAE establishments from suppliers-siae.csv
    ["80746931700018", null], // Baluchon à table citoyens
    ["75187049400026", null], // La Collecterie
    ["79285470500029", null], // Initiatives solidaires
    ["38269518700049", null], // Assoc Espoir
    ["26300199200019", null], // CCAS de Bellegarde
    ["807 469 317 00018", null],
    // Bad keys present in the same file
    ["34445638900012", KEY],
    ["38269518700000", KEY],
    ["12345678901234", KEY],
    // La Poste: digit sum multiple of 5, Luhn not applied
    ["35600000000001", null], // sum 15, Luhn-invalid
    ["35600000049837", null], // sum 45
    ["35600000000014", KEY], // sum 19
    // La Poste head office keeps its Luhn key (digit sum 26)
    ["35600000000048", null],
    // Format
    ["8074693170001", LENGTH],
    ["807469317000189", LENGTH],
    ["8074693170001A", LENGTH],
    ["", LENGTH],
  ])("%s → %s", (input, expected) => {
    expect(siretError(input)).toBe(expected);
  });
});

describe("La Poste rule", () => {
  it("uses the digit sum, not Luhn, for every establishment but the head office", () => {
    // 35600000000010: digit sum 15 (valid), Luhn-invalid.
    expect(isValidSiret("35600000000010")).toBe(true);
    // 35600000000019: digit sum 24 → invalid under La Poste's rule.
    expect(isValidSiret("35600000000019")).toBe(false);
  });
});

describe("isValidSiren", () => {
  it.each([
    ["807469317", true],
    ["356000000", true],
    ["732 829 320", true],
    ["807469318", false],
    ["80746931", false],
  ])("%s → %s", (input, expected) => {
    expect(isValidSiren(input)).toBe(expected);
  });

  it("holds for the SIREN of every valid sample SIRET", () => {
    for (const s of ["80746931700018", "75187049400026", "79285470500029"]) {
      expect(isValidSiren(sirenOf(s) ?? "")).toBe(true);
    }
  });
});

describe("formatSiret", () => {
  it("groups SIREN and NIC", () => {
    expect(formatSiret("80746931700018")).toBe("807 469 317 00018");
    expect(formatSiret("abc")).toBe("abc");
  });
});

/** Builds a Luhn-valid SIRET from 13 arbitrary digits by computing the key. */
function withLuhnKey(body: number[]): string {
  for (let key = 0; key <= 9; key++) {
    const candidate = [...body, key].join("");
    if (isValidSiret(candidate)) return candidate;
  }
  throw new Error("unreachable: one key digit always satisfies Luhn");
}

describe("properties", () => {
  const nonLaPosteSiret = fc
    .array(fc.integer({ min: 0, max: 9 }), { minLength: 13, maxLength: 13 })
    .filter((d) => d.slice(0, 9).join("") !== "356000000")
    .map(withLuhnKey);

  it("changing one digit of a valid (non-La-Poste) SIRET invalidates it", () => {
    fc.assert(
      fc.property(
        nonLaPosteSiret,
        fc.integer({ min: 0, max: 13 }),
        fc.integer({ min: 1, max: 9 }),
        (siret, pos, delta) => {
          const digit = (Number(siret[pos]) + delta) % 10;
          const mutated = siret.slice(0, pos) + String(digit) + siret.slice(pos + 1);
          // Changing the SIREN to La Poste's would switch rules: out of scope of the invariant.
          fc.pre(!mutated.startsWith("356000000"));
          expect(isValidSiret(mutated)).toBe(false);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it("never throws and always returns null or one of the two messages", () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        expect([null, LENGTH, KEY]).toContain(siretError(s));
      }),
    );
  });
});
