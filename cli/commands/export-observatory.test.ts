import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { observatoryWorld, period } from "../../app/modules/observatory/test-fixtures";
import { exportObservatory } from "./export-observatory";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

let clubSlug = "";
beforeAll(async () => {
  clubSlug = (await observatoryWorld("cli")).club.slug;
});
afterEach(() => vi.restoreAllMocks());

const run = (argv: string[]) => exportObservatory(argv, { closeDatabase: false });

describe("cli export-observatory", () => {
  it("writes the club's figures as CSV to the file given, the same as the dashboard's", async () => {
    const out = path.join(mkdtempSync(path.join(tmpdir(), "observatoire-")), "club.csv");
    const io = capture();
    expect(await run(["--club", clubSlug, "--from", period.from, "--to", period.to, "--out", out])).toBe(0);
    const csv = readFileSync(out, "utf8");
    expect(csv).toContain(`Club cli,2027-01-01,2027-06-30,Fournisseurs,Entreprises sourcées (fin de période),Total,6,entreprises`);
    expect(csv).toContain("Contrats,Montant des contrats gagnés,Total,28000.00,€ HT");
    expect(io.err.join("")).toContain(`écrits dans ${out}`);
  });

  it("writes to the standard output without --out", async () => {
    const io = capture();
    expect(await run([`--club=${clubSlug}`, "--from=2027-03-01", "--to=2027-03-31"])).toBe(0);
    expect(io.out.join("")).toContain("Par mois,Rendez-vous tenus,2027-03,1,rendez-vous");
  });

  it.each([
    [[], "--club est obligatoire"],
    [["--club", "x"], "--from et --to sont obligatoires"],
    [["--club", "x", "--from", "2027-02-30", "--to", "2027-03-01"], "La date de début doit être une date valide"],
    [["--club", "x", "--from", "2027-04-01", "--to", "2027-03-01"], "La date de début doit précéder la date de fin"],
    [["--club", "x", "--from"], "--from attend une valeur"],
    [["--club", "x", "--format", "json"], "Option inconnue : --format"],
    [["--club", "club-qui-n-existe-pas", "--from", "2027-01-01", "--to", "2027-01-31"], "Club inconnu : club-qui-n-existe-pas"],
  ])("rejects bad arguments in French with exit code 2 (%#)", async (argv, message) => {
    const io = capture();
    expect(await run(argv)).toBe(2);
    expect(io.err.join("")).toContain(message);
    expect(io.err.join("")).toContain("Usage : export-observatory");
    expect(io.out).toEqual([]);
  });
});
