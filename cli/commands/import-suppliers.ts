// `npm run cli -- import-suppliers FICHIER.csv [--club SLUG]`: imports a supplier CSV (the layout of
// db/data/suppliers-siae.csv) in one transaction, with a progress bar on a terminal and a summary.
// Rejected rows, with their reason, are written next to the file as FICHIER.rejets.csv.
import { readFile, writeFile } from "node:fs/promises";
import { and, eq } from "drizzle-orm";
import { closeDatabase, db } from "../../db/connection";
import { organisations } from "../../db/schema";
import { importSuppliers } from "../../app/modules/sourcing/import.server";
import { DomainError } from "../../app/lib/errors";
import { formatNumber } from "../../app/lib/format";
import { progressBar } from "../progress";

const USAGE = "Usage : import-suppliers FICHIER.csv [--club SLUG]";

class UsageError extends Error {}

function parseArgs(argv: string[]): { file: string; club?: string } {
  let file: string | undefined;
  let club: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--club") club = argv[++i];
    else if (arg.startsWith("--club=")) club = arg.slice("--club=".length);
    else if (arg.startsWith("-")) throw new UsageError(`Option inconnue : ${arg}`);
    else if (file) throw new UsageError("Un seul fichier à la fois.");
    else file = arg;
  }
  if (!file) throw new UsageError("Indiquez le fichier CSV à importer.");
  if (club !== undefined && !club) throw new UsageError("--club attend le slug du club (par exemple club-business-est-ensemble).");
  return { file, club };
}

export function rejectsPath(file: string): string {
  return /\.csv$/i.test(file) ? file.replace(/\.csv$/i, ".rejets.csv") : `${file}.rejets.csv`;
}

export default async function importSuppliersCommand(argv: string[]): Promise<number> {
  let args: { file: string; club?: string };
  try {
    args = parseArgs(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let bytes: Uint8Array;
  try {
    bytes = new Uint8Array(await readFile(args.file));
  } catch {
    process.stderr.write(`Impossible de lire le fichier « ${args.file} ».\n`);
    return 2;
  }
  try {
    let clubId: string | undefined;
    if (args.club) {
      const [club] = await db.select({ id: organisations.id }).from(organisations).where(and(eq(organisations.slug, args.club), eq(organisations.kind, "club")));
      if (!club) {
        process.stderr.write(`Club inconnu : « ${args.club} ». Vérifiez son slug (il figure dans l'adresse de la page du club, /clubs/<slug>).\n`);
        return 2;
      }
      clubId = club.id;
    }
    const started = Date.now();
    let bar: ReturnType<typeof progressBar> | undefined;
    const result = await importSuppliers({
      bytes,
      clubId,
      onProgress: (done, total) => {
        bar ??= progressBar("Import", total);
        bar.update(done);
      },
    }).catch((error: unknown) => {
      bar?.done();
      throw error;
    });
    bar?.done();
    const seconds = ((Date.now() - started) / 1000).toFixed(1).replace(".", ",");
    const lines = [
      `Import terminé en ${seconds} s${args.club ? ` (club ${args.club})` : ""} :`,
      `  ${formatNumber(result.created)} fiche(s) créée(s)`,
      `  ${formatNumber(result.updated)} fiche(s) mise(s) à jour`,
      `  ${formatNumber(result.unchanged)} fiche(s) inchangée(s)`,
      `  ${formatNumber(result.rejected)} ligne(s) rejetée(s)`,
    ];
    if (result.merged) lines.push(`  ${formatNumber(result.merged)} ligne(s) en double (même SIRET) fusionnée(s) avec la dernière`);
    if (clubId) lines.push(`  ${formatNumber(result.linked)} fiche(s) ajoutée(s) à la liste du club`);
    const reasons = Object.entries(result.rejectionReasons).sort((a, b) => b[1] - a[1]);
    if (reasons.length) {
      lines.push("Principaux motifs de rejet :", ...reasons.slice(0, 5).map(([reason, n]) => `  ${reason} : ${formatNumber(n)}`));
    }
    if (result.rejected) {
      const out = rejectsPath(args.file);
      await writeFile(out, result.rejectedCsv);
      lines.push(`Lignes rejetées, avec leur motif : ${out}`);
    }
    console.log(lines.join("\n"));
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      process.stderr.write(`Import refusé : ${error.message}\nRien n'a été importé.\n`);
      return 2;
    }
    throw error;
  } finally {
    await closeDatabase();
  }
}
