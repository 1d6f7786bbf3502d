// `npm run cli -- match --need-file need.json [--limit 20]`: ranked suppliers as JSON
// ([{siret, name, score, reasons: […]}]) for a need described with the form's fields.
import { readFile } from "node:fs/promises";
import { ZodError } from "zod";
import { needFromFile } from "../../app/modules/matching/need-file";

const USAGE = "Usage : match --need-file <besoin.json> [--limit N]";

export default async function match(argv: string[]): Promise<number> {
  let file: string | undefined;
  let limit = 20;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i]!.includes("=") ? argv[i]!.split("=", 2) : [argv[i]!, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--need-file") file = value();
    else if (flag === "--limit") {
      limit = Number(value());
      if (!Number.isInteger(limit) || limit < 1) {
        process.stderr.write(`--limit attend un entier positif\n${USAGE}\n`);
        return 2;
      }
    } else {
      process.stderr.write(`Option inconnue : ${argv[i]}\n${USAGE}\n`);
      return 2;
    }
  }
  if (!file) {
    process.stderr.write(`--need-file est obligatoire\n${USAGE}\n`);
    return 2;
  }
  let need;
  try {
    need = needFromFile(JSON.parse(await readFile(file, "utf8")));
  } catch (error) {
    const message =
      error instanceof ZodError
        ? error.issues.map((i) => `${i.path.join(".") || "besoin"} : ${i.message}`).join("\n")
        : error instanceof SyntaxError
          ? `Le fichier « ${file} » n'est pas du JSON valide.`
          : `Impossible de lire le fichier « ${file} ».`;
    process.stderr.write(`${message}\n`);
    return 2;
  }
  // Imported here so that bad arguments are reported without opening the database.
  const { closeDatabase } = await import("../../db/connection");
  const { rankSuppliersForNeed } = await import("../../app/modules/matching/matching.server");
  try {
    const ranked = await rankSuppliersForNeed(need, { limit });
    const output = ranked.map((r) => ({ siret: r.siret, name: r.name, score: r.score, reasons: r.reasons }));
    process.stdout.write(`${JSON.stringify(output, null, 2)}\n`);
    return 0;
  } finally {
    await closeDatabase();
  }
}
