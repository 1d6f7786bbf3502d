// `npm run cli -- <command> [options]`: what an operator scripts. Each command lives in
// cli/commands/<name>.ts and exports a default `(argv) => Promise<exit code>`.
import { EnvError } from "../app/env.server";

type Command = { describe: string; load: () => Promise<{ default: (argv: string[]) => Promise<number> }> };

const commands: Record<string, Command> = {
  seed: { describe: "seed [--reset] : données de démonstration (--reset : vide la base puis recrée la démo)", load: () => import("./commands/seed") },
  "load-reference": { describe: "load-reference : charge QPV, communes et NAF (idempotent)", load: () => import("./commands/load-reference") },
  worker: { describe: "worker : traite la boîte d'envoi et les tâches, dans un processus séparé", load: () => import("./commands/worker") },
  jobs: { describe: "jobs [list | run NOM] : les tâches planifiées (pg-boss) ; run en exécute une tout de suite", load: () => import("./commands/jobs") },
  "import-qpv-polygons": { describe: "import-qpv-polygons FICHIER.geojson : périmètres des QPV, pour vérifier les adresses déclarées", load: () => import("./commands/import-qpv-polygons") },
  reindex: { describe: "reindex : reconstruit l'index de l'annuaire (PostgreSQL ou Meilisearch)", load: () => import("./commands/reindex") },
  "search-setup": { describe: "search-setup : applique les réglages du moteur de recherche (Meilisearch)", load: () => import("./commands/search-setup") },
  schedule: { describe: "schedule --input instance.json [--time-limit-ms N] [--seed N] : planifie des rendez-vous 1:1", load: () => import("./commands/schedule") },
  "import-suppliers": { describe: "import-suppliers FICHIER.csv [--club SLUG] : importe des fournisseurs (CSV, mise à jour par SIRET)", load: () => import("./commands/import-suppliers") },
  match: { describe: "match --need-file besoin.json [--limit 20] : fournisseurs classés pour un besoin (JSON)", load: () => import("./commands/match") },
  "export-observatory": {
    describe: "export-observatory --club SLUG --from AAAA-MM-JJ --to AAAA-MM-JJ [--out fichier.csv] : chiffres de l'observatoire du club (CSV)",
    load: () => import("./commands/export-observatory"),
  },
  categories: { describe: "categories : la nomenclature des catégories d'achat (JSON)", load: () => import("./commands/categories") },
};

function usage(): string {
  return ["Usage : npm run cli -- <commande> [options]", "", ...Object.values(commands).map((c) => `  ${c.describe}`)].join("\n");
}

async function main(): Promise<number> {
  const [name, ...argv] = process.argv.slice(2);
  if (!name || name === "--help" || name === "help") {
    console.log(usage());
    return name ? 0 : 2;
  }
  const command = commands[name];
  if (!command) {
    console.error(`Commande inconnue : ${name}\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).default(argv);
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      return 2;
    }
    // A database that cannot be reached is an operator's problem: say it in one line.
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    console.error(`Erreur : ${cause ?? (error as Error).message}`);
    if (process.env.DEBUG) console.error(error);
    return 1;
  }
}

const code = await main();
process.exit(code);
