// `npm run cli -- export-observatory --club SLUG --from YYYY-MM-DD --to YYYY-MM-DD [--out file.csv]`:
// the club's observatory figures as CSV, the same file as the club dashboard's download.
import { writeFile } from "node:fs/promises";
import { PeriodSchema } from "../../app/modules/observatory/periods";

const USAGE = "Usage : export-observatory --club <slug> --from AAAA-MM-JJ --to AAAA-MM-JJ [--out fichier.csv]";

function fail(message: string): number {
  process.stderr.write(`${message}\n${USAGE}\n`);
  return 2;
}

/** The command; `closeDatabase: false` keeps the process's database open (tests share it). */
export async function exportObservatory(argv: string[], io: { closeDatabase?: boolean } = {}): Promise<number> {
  const options: Record<string, string | undefined> = {};
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes("=") ? argv[i]!.split("=", 2) : [argv[i]!, undefined];
    if (!["--club", "--from", "--to", "--out"].includes(flag!)) return fail(`Option inconnue : ${argv[i]}`);
    const value = inline ?? argv[++i];
    if (value === undefined || value.startsWith("--")) return fail(`${flag} attend une valeur.`);
    options[flag!.slice(2)] = value;
  }
  if (!options.club) return fail("--club est obligatoire (l'identifiant du club, par exemple club-business-est-ensemble).");
  if (!options.from || !options.to) return fail("--from et --to sont obligatoires.");
  const period = PeriodSchema.safeParse({ from: options.from, to: options.to });
  if (!period.success) return fail([...new Set(period.error.issues.map((i) => i.message))].join("\n"));

  // Imported here so that bad arguments are reported without opening the database.
  const { closeDatabase } = await import("../../db/connection");
  const { clubBySlug } = await import("../../app/modules/observatory/public.server");
  const { computeFigures } = await import("../../app/modules/observatory/figures.server");
  const { figuresCsv } = await import("../../app/modules/observatory/csv");
  try {
    const club = await clubBySlug(options.club);
    if (!club) return fail(`Club inconnu : ${options.club}.`);
    const figures = await computeFigures({ scope: { kind: "club", clubId: club.id }, period: period.data });
    const csv = figuresCsv(club.name, figures);
    if (options.out) {
      await writeFile(options.out, csv, "utf8");
      process.stderr.write(`Chiffres de ${club.name} du ${period.data.from} au ${period.data.to} écrits dans ${options.out}.\n`);
    } else {
      process.stdout.write(csv);
    }
    return 0;
  } finally {
    if (io.closeDatabase !== false) await closeDatabase();
  }
}

export default function run(argv: string[]): Promise<number> {
  return exportObservatory(argv);
}
