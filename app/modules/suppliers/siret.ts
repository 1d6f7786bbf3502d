// SIREN / SIRET checks (INSEE identifiers). Pure functions, no I/O.
//
// Both identifiers end with a Luhn check digit. La Poste is the one exception:
// its establishments share SIREN 356000000 and there are too many of them for
// the 5-digit NIC to carry a Luhn key, so their SIRET is valid when the sum of
// its 14 digits is a multiple of 5. Its head office (35600000000048) was
// numbered before that rule and keeps a plain Luhn key.

export const LA_POSTE_SIREN = "356000000";
export const LA_POSTE_HEAD_OFFICE_SIRET = "35600000000048";

const SIRET_PATTERN = /^\d{14}$/;
const SIREN_PATTERN = /^\d{9}$/;

/** Removes the separators people type or paste: spaces (incl. non-breaking), dots, dashes. */
export function normalizeSiret(input: string): string {
  return input.replace(/[\s.\-\u00a0\u202f]/g, "");
}

/** Luhn checksum over a string of digits (the rightmost digit is the key). */
export function luhnValid(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function digitSum(digits: string): number {
  let sum = 0;
  for (const c of digits) sum += c.charCodeAt(0) - 48;
  return sum;
}

export function isLaPosteSiret(siret: string): boolean {
  return siret.startsWith(LA_POSTE_SIREN);
}

export function isValidSiren(input: string): boolean {
  const s = normalizeSiret(input);
  return SIREN_PATTERN.test(s) && luhnValid(s);
}

export function isValidSiret(input: string): boolean {
  return siretError(input) === null;
}

/** French reason why a SIRET is refused, or null when it is valid. */
export function siretError(input: string): string | null {
  const s = normalizeSiret(input);
  if (!SIRET_PATTERN.test(s)) return "Le SIRET doit comporter 14 chiffres.";
  const keyOk =
    isLaPosteSiret(s) && s !== LA_POSTE_HEAD_OFFICE_SIRET ? digitSum(s) % 5 === 0 : luhnValid(s);
  return keyOk ? null : "Le SIRET n'est pas valide (clé de contrôle).";
}

/** The SIREN (first 9 digits) of a SIRET, or null when the input is not 14 digits. */
export function sirenOf(input: string): string | null {
  const s = normalizeSiret(input);
  return SIRET_PATTERN.test(s) ? s.slice(0, 9) : null;
}

/** "732 829 320 00074" for display; returns the input unchanged when it is not 14 digits. */
export function formatSiret(input: string): string {
  const s = normalizeSiret(input);
  if (!SIRET_PATTERN.test(s)) return input;
  return `${s.slice(0, 3)} ${s.slice(3, 6)} ${s.slice(6, 9)} ${s.slice(9)}`;
}
