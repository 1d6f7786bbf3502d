// The observatory's routes at the edge: bad filters are a 400 in French, never a 500; the CSVs
// are attachments; each persona gets its own scope.
import { beforeAll, describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { createUser } from "../../../db/seed/factories";
import { lucia } from "~/modules/accounts/lucia.server";
import * as adminPage from "~/routes/admin.observatoire";
import * as adminCsv from "~/routes/admin.observatoire[.csv]";
import * as csrCsv from "~/routes/acheteur.rse[.csv]";
import * as csrPage from "~/routes/acheteur.rse._index";
import * as csrPrint from "~/routes/acheteur.rse.imprimer";
import * as clubCsv from "~/routes/clubs.$clubSlug.observatoire[.csv]";
import * as clubPage from "~/routes/clubs.$clubSlug.observatoire";
import * as publicPage from "~/routes/observatoire.$clubSlug";
import { observatoryWorld } from "./test-fixtures";

let world: Awaited<ReturnType<typeof observatoryWorld>>;
let adminId = "";
beforeAll(async () => {
  world = await observatoryWorld("routes");
  adminId = (await createUser(db, { email: "admin@routes-observatoire.example.org", isAdmin: true })).id;
});

async function get(path: string, userId?: string): Promise<Request> {
  const headers = new Headers();
  if (userId) headers.set("Cookie", lucia.createSessionCookie((await lucia.createSession(userId, {})).id).serialize().split(";")[0]!);
  return new Request(`http://localhost:3000${path}`, { headers });
}

/** What a loader answered: a Response (returned or thrown), data() with its init, or plain data. */
async function answer(run: () => Promise<unknown>): Promise<{ status: number; body: unknown; headers?: Headers }> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, body: await result.text(), headers: result.headers };
  const wrapped = result as { type?: string; data?: unknown; init?: { status?: number } };
  if (wrapped?.type === "DataWithResponseInit") return { status: wrapped.init?.status ?? 200, body: wrapped.data };
  return { status: 200, body: result };
}

const args = (request: Request, params: Record<string, string> = {}) => ({ request, params, context: {} });

describe("observatory routes", () => {
  it("the animator's dashboard and CSV: the period is checked, the CSV is an attachment", async () => {
    const slug = world.club.slug;
    const ok = await answer(async () => clubPage.loader(args(await get(`/clubs/${slug}/observatoire?du=2027-01-01&au=2027-06-30`, world.animator.id), { clubSlug: slug })));
    expect(ok.status).toBe(200);
    expect((ok.body as { figures: { suppliers: { total: { value: number } } } }).figures.suppliers.total.value).toBe(6);

    const bad = await answer(async () => clubPage.loader(args(await get(`/clubs/${slug}/observatoire?du=2027-02-30&au=2027-01-01`, world.animator.id), { clubSlug: slug })));
    expect(bad.status).toBe(400);
    expect((bad.body as { errors: string[] }).errors).toEqual(["La date de début doit être une date valide (AAAA-MM-JJ)."]);

    const csv = await answer(async () => clubCsv.loader(args(await get(`/clubs/${slug}/observatoire.csv?du=2027-01-01&au=2027-06-30`, world.animator.id), { clubSlug: slug })));
    expect(csv.status).toBe(200);
    expect(csv.headers!.get("Content-Disposition")).toBe(`attachment; filename="observatoire-${slug}-2027-01-01-2027-06-30.csv"`);
    expect(csv.body).toContain("Entreprises sourcées (fin de période),Total,6,entreprises");

    const badCsv = await answer(async () => clubCsv.loader(args(await get(`/clubs/${slug}/observatoire.csv?du=2027-06-01&au=2027-01-01`, world.animator.id), { clubSlug: slug })));
    expect(badCsv).toMatchObject({ status: 400, body: "Période invalide : La date de début doit précéder la date de fin." });
  });

  it("the territory dashboard: an unknown or malformed code is a 400", async () => {
    const ok = await answer(async () => adminPage.loader(args(await get("/admin/observatoire?qpv=QN09309M&du=2027-01-01&au=2027-06-30", adminId))));
    expect(ok.status).toBe(200);
    expect((ok.body as { label: string }).label).toBe("QPV : Le Plateau - Les Malassis - La Noue (QN09309M)");
    const unknown = await answer(async () => adminPage.loader(args(await get("/admin/observatoire?qpv=QN99999Z", adminId))));
    expect(unknown.status).toBe(400);
    expect((unknown.body as { errors: string[] }).errors).toEqual(["QPV inconnu : QN99999Z."]);
    const malformed = await answer(async () => adminCsv.loader(args(await get("/admin/observatoire.csv?departement=quatre-vingt-treize", adminId))));
    expect(malformed).toMatchObject({ status: 400, body: "Territoire invalide : Code de département invalide (par exemple 93, 2A, 974)." });
    const csv = await answer(async () => adminCsv.loader(args(await get("/admin/observatoire.csv?epci=200054781&du=2027-01-01&au=2027-06-30", adminId))));
    expect(csv.status).toBe(200);
    expect(csv.body).toContain("EPCI : Métropole du Grand Paris,2027-01-01,2027-06-30,Fournisseurs,Entreprises sourcées (fin de période),Total,6,");
  });

  it("the buyer's CSR report, printable page and CSV are its organisation's", async () => {
    const page = await answer(async () => csrPage.loader(args(await get("/acheteur/rse?du=2027-01-01&au=2027-06-30", world.buyerUser.id))));
    expect((page.body as { report: { totals: { qpvAmountCents: number } } }).report.totals.qpvAmountCents).toBe(2_000_000);
    const print = await answer(async () => csrPrint.loader(args(await get("/acheteur/rse/imprimer?du=2027-01-01&au=2027-03-31", world.buyerUser.id))));
    expect((print.body as { report: { totals: { qpvAmountCents: number } } }).report.totals.qpvAmountCents).toBe(1_200_000);
    const csv = await answer(async () => csrCsv.loader(args(await get("/acheteur/rse.csv?du=2027-01-01&au=2027-06-30", world.buyerUser.id))));
    expect(csv.body).toContain('"Fournisseurs au QPV vérifié, par trimestre",2027-T2,1,8000.00,1');
    const bad = await answer(async () => csrPrint.loader(args(await get("/acheteur/rse/imprimer?du=demain", world.buyerUser.id))));
    expect(bad.status).toBe(400);
  });

  it("the public page takes a calendar year only, and knows its clubs", async () => {
    const slug = world.club.slug;
    expect((await answer(async () => publicPage.loader(args(await get(`/observatoire/${slug}?annee=2024`), { clubSlug: slug })))).status).toBe(200);
    const bad = await answer(async () => publicPage.loader(args(await get(`/observatoire/${slug}?annee=1999`), { clubSlug: slug })));
    expect(bad.status).toBe(400);
    expect(bad.body).toMatch(/^Année invalide : choisissez une année entre 2024 et \d{4}\.$/);
    expect((await answer(async () => publicPage.loader(args(await get("/observatoire/inconnu"), { clubSlug: "inconnu" })))).status).toBe(404);
  });
});
