import { eq, inArray, sql } from "drizzle-orm";
import { rows, type Executor } from "../client";
import { appMeta, clubSuppliers, communes, qpvs, supplierServices, suppliers } from "../schema";
import { enqueue } from "../../app/modules/outbox/outbox.server";
import { slugify } from "../../app/lib/text";
import { isValidSiret } from "../../app/modules/suppliers/siret";
import { demoSuppliers } from "./demo-suppliers";
import { seedDemoEvent, seedDemoPastEvent } from "./demo-event";
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
    const supplierOrg = await createOrganisationRow(tx, {
      kind: "supplier",
      name: "Net'Éclat Montreuil",
      slug: "net-eclat-montreuil",
      members: [{ userId: supplier.id, role: "owner" }],
    });
    await seedDemoSuppliers(tx, { clubId: club.id, firstOrganisationId: supplierOrg.id, firstOrganisationSlug: supplierOrg.slug, animatorId: animator.id });
    await seedDemoEvent(tx, { clubId: club.id, userIds: { animator: animator.id, buyer: buyer.id, supplier: supplier.id } });
    await seedDemoPastEvent(tx, { clubId: club.id, userIds: { animator: animator.id, buyer: buyer.id, supplier: supplier.id } });
    await tx.insert(appMeta).values({ key: "demo_seeded", value: new Date().toISOString() });
    return {
      clubId: club.id,
      clubSlug: club.slug,
      qpvCodes,
      userIds: { admin: admin.id, animator: animator.id, buyer: buyer.id, supplier: supplier.id },
    };
  });
}

/** A valid SIRET (Luhn) derived from a number, so the demo is the same on every machine. */
export function demoSiret(n: number): string {
  const body = `8${String(n).padStart(3, "0")}123450000`; // 13 digits, then the Luhn key
  for (let check = 0; check < 10; check++) if (isValidSiret(`${body}${check}`)) return `${body}${check}`;
  throw new Error("unreachable");
}

/**
 * The 30 demo companies: the first one is the demo supplier login's own (claimed), the others
 * were sourced by the club and are still unclaimed. Each is queued for the search index.
 */
async function seedDemoSuppliers(tx: Executor, ctx: { clubId: string; firstOrganisationId: string; firstOrganisationSlug: string; animatorId: string }) {
  const coords = new Map(
    (await tx.select({ insee: communes.insee, lat: communes.lat, lon: communes.lon }).from(communes).where(inArray(communes.insee, [...new Set(demoSuppliers.map((d) => d.commune))]))).map((c) => [c.insee, c]),
  );
  for (const [i, d] of demoSuppliers.entries()) {
    const first = i === 0;
    const name = d.tradeName ?? d.legalName.replace(/\b([A-ZÀ-Ý])([A-ZÀ-Ý']+)/g, (_m, a: string, b: string) => a + b.toLowerCase());
    const org = first ? { id: ctx.firstOrganisationId, slug: ctx.firstOrganisationSlug } : await createOrganisationRow(tx, { kind: "supplier", name, slug: slugify(name) });
    const point = coords.get(d.commune);
    // Spread companies around their commune's centre so distances differ.
    const jitter = (k: number) => (((i * 7919 + k * 104729) % 1000) / 1000 - 0.5) * 0.02;
    const [row] = await tx
      .insert(suppliers)
      .values({
        organisationId: org.id,
        slug: org.slug,
        siret: demoSiret(i + 1),
        legalName: d.legalName,
        tradeName: d.tradeName ?? null,
        legalForm: d.legalForm,
        nafCode: d.naf,
        yearFounded: d.year,
        headcountBand: d.headcount,
        description: d.description,
        categories: d.categories,
        labels: d.labels,
        contactName: d.contact,
        email: `contact@${slugify(name)}.example.org`,
        phone: `01 48 ${String(10 + i).padStart(2, "0")} ${String(20 + i).padStart(2, "0")} ${String(30 + i).padStart(2, "0")}`.replace(/ /g, ""),
        address: `${(i % 40) + 2} rue de la République`,
        communeInsee: d.commune,
        lat: point?.lat != null ? point.lat + jitter(1) : null,
        lon: point?.lon != null ? point.lon + jitter(2) : null,
        zoneKind: "radius",
        zoneRadiusKm: d.zoneKm,
        qpvCode: d.qpv,
        qpvStatus: d.qpvStatus,
        qpvCheckedAt: d.qpvStatus === "verified" ? new Date() : null,
        qpvCheckedBy: d.qpvStatus === "verified" ? ctx.animatorId : null,
        claimedAt: first ? new Date() : null,
      })
      .returning({ id: suppliers.id });
    await tx.insert(supplierServices).values(d.services.map(([title, description], position) => ({ supplierId: row!.id, title, description, position })));
    if (!first) await tx.insert(clubSuppliers).values({ clubId: ctx.clubId, supplierId: row!.id, source: "import" });
    await enqueue(tx, "search.supplier_changed", { supplierId: row!.id });
  }
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
