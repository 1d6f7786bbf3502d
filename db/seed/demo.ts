import { eq, inArray, sql } from "drizzle-orm";
import { rows, type Executor } from "../client";
import { appMeta, qpvs } from "../schema";
import { createClubRow, createOrganisationRow, createUser } from "./factories";

export const demoPassword = "Proxima2026!demo";

export const demoLogins = [
  { role: "Administrateur", email: "admin@demo.example.org" },
  { role: "Animatrice du Club Business Est Ensemble", email: "animatrice@demo.example.org" },
  { role: "Acheteuse (Habitat Francilien Solidaire)", email: "acheteuse@demo.example.org" },
  { role: "Fournisseur (Net'Éclat Montreuil)", email: "fournisseur@demo.example.org" },
] as const;

/** The nine communes of Est Ensemble (Grand Paris's territory T8). */
export const estEnsembleCommunes = ["93006", "93008", "93010", "93045", "93048", "93053", "93055", "93061", "93063"];
export const estEnsembleSiren = "200057875";

export async function isDemoSeeded(db: Executor): Promise<boolean> {
  const [row] = await db.select().from(appMeta).where(eq(appMeta.key, "demo_seeded"));
  return Boolean(row);
}

export type DemoContext = { clubId: string; clubSlug: string; qpvCodes: string[]; userIds: Record<string, string> };

/** Seeds the demo: the club, its animator, buyers and suppliers. Each domain adds its part below. */
export async function seedDemo(db: Executor): Promise<DemoContext> {
  return db.transaction(async (tx) => {
    const qpvRows = await tx
      .select({ code: qpvs.code })
      .from(qpvs)
      .where(sql`${qpvs.communeInsees} && ${sql.raw(`ARRAY[${estEnsembleCommunes.map((c) => `'${c}'`).join(",")}]::text[]`)}`);
    const qpvCodes = qpvRows.map((q) => q.code).sort();
    const admin = await createUser(tx, { email: demoLogins[0].email, password: demoPassword, displayName: "Camille Admin", isAdmin: true });
    const animator = await createUser(tx, { email: demoLogins[1].email, password: demoPassword, displayName: "Nadia Benali" });
    const buyer = await createUser(tx, { email: demoLogins[2].email, password: demoPassword, displayName: "Sophie Lefèvre" });
    const supplier = await createUser(tx, { email: demoLogins[3].email, password: demoPassword, displayName: "Karim Haddad" });
    const club = await createClubRow(tx, {
      name: "Club Business Est Ensemble",
      slug: "club-business-est-ensemble",
      epciSiren: estEnsembleSiren,
      epciName: "Est Ensemble",
      qpvCodes,
      animatorIds: [animator.id],
      description: "Le club des entreprises des quartiers d'Est Ensemble et des grands donneurs d'ordre du territoire.",
    });
    await createOrganisationRow(tx, {
      kind: "buyer",
      name: "Habitat Francilien Solidaire",
      slug: "habitat-francilien-solidaire",
      members: [{ userId: buyer.id, role: "owner" }],
    });
    await createOrganisationRow(tx, {
      kind: "supplier",
      name: "Net'Éclat Montreuil",
      slug: "net-eclat-montreuil",
      members: [{ userId: supplier.id, role: "owner" }],
    });
    await tx.insert(appMeta).values({ key: "demo_seeded", value: new Date().toISOString() });
    return {
      clubId: club.id,
      clubSlug: club.slug,
      qpvCodes,
      userIds: { admin: admin.id, animator: animator.id, buyer: buyer.id, supplier: supplier.id },
    };
  });
}

/** Tables that hold reference data or migration state: kept by `seed --reset`. */
const keptTables = ["communes", "qpvs", "naf_codes", "app_meta", "__drizzle_migrations"];

/** Empties every application table (reference data stays), for `npm run cli -- seed --reset`. */
export async function resetApplicationData(db: Executor): Promise<void> {
  const tables = await rows<{ tablename: string }>(
    db,
    sql`SELECT tablename FROM pg_tables WHERE schemaname = current_schema() AND tablename NOT IN (${sql.join(
      keptTables.map((t) => sql`${t}`),
      sql`, `,
    )})`,
  );
  const names = tables.map((t) => `"${t.tablename}"`).join(", ");
  if (names) await db.execute(sql.raw(`TRUNCATE ${names} RESTART IDENTITY CASCADE`));
  await db.delete(appMeta).where(inArray(appMeta.key, ["demo_seeded"]));
}

export function formatDemoLogins(): string {
  const lines = demoLogins.map((l) => `  ${l.role.padEnd(44)} ${l.email}`);
  return [`Comptes de démonstration (mot de passe : ${demoPassword}) :`, ...lines].join("\n");
}
