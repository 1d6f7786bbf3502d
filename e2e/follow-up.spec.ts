import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, expectAccessible, login } from "./support";

const club = "club-business-est-ensemble";
const pastEvent = "Rencontre Business de Proximité — Est Ensemble (automne)";

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await login(page, email);
  return page;
}

/** The club dashboard's "contracts won" line: how many, and the amount in euros. */
async function clubContracts(page: Page) {
  await page.goto(`/clubs/${club}/observatoire`);
  const cells = page.getByRole("table", { name: "Contrats signés pendant la période" }).getByRole("row", { name: /Tous fournisseurs/ }).getByRole("cell");
  const digits = async (i: number) => Number((await cells.nth(i).innerText()).replace(/\D/g, ""));
  return { count: await digits(1), euros: await digits(2) };
}

test.describe("follow-up of business contacts", () => {
  test("after the demo event, the supplier records the contract won; the club dashboard and the buyer's CSR report show it", async ({ page, browser }) => {
    const animator = await signedIn(browser, demo.animator);
    const before = await clubContracts(animator);
    await login(page, demo.supplier);
    await page.getByRole("link", { name: "Opportunités" }).first().click();
    await expect(page.getByRole("heading", { name: /^Opportunités de/ })).toBeVisible();
    await expectAccessible(page);
    await page.getByRole("link", { name: "tableau par étape" }).click();
    const held = page.getByRole("region", { name: /Rendez-vous tenu/ });
    await expect(held.getByText(`Rencontre : ${pastEvent}`)).toBeVisible();
    await expectAccessible(page);

    await held.getByRole("link", { name: /Habitat Francilien Solidaire/ }).first().click();
    await expect(page.getByRole("heading", { name: /Habitat Francilien Solidaire × Net'Éclat Montreuil/ })).toBeVisible();
    // The meeting was held five weeks ago: both sides' 30/90/180-day surveys are scheduled.
    await expect(page.getByRole("table", { name: /Enquêtes de suivi/ }).getByRole("row", { name: /J\+180/ }).first()).toBeVisible();
    await expectAccessible(page);

    // "Gagnée" without the contract: refused with French messages, nothing changes.
    await page.getByLabel("Nouvelle étape").selectOption({ label: "Gagnée" });
    await page.getByRole("button", { name: "Enregistrer l'étape" }).click();
    await expect(page.getByText("Indiquez le montant HT du contrat.")).toBeVisible();
    await expect(page.getByText("Indiquez la date de signature du contrat.")).toBeVisible();

    await page.getByLabel("Nouvelle étape").selectOption({ label: "Gagnée" });
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Paris" }).format(new Date());
    await page.getByLabel("Date de signature").fill(today);
    await page.getByLabel("Montant du contrat (€ HT)").fill("12 500");
    await page.getByLabel("Durée (mois)").fill("12");
    await page.getByLabel("Contrat récurrent").check();
    await page.getByRole("button", { name: "Enregistrer l'étape" }).click();
    await expect(page.getByText("Étape enregistrée.")).toBeVisible();
    await expect(page.getByText(/12\s500\s€ HT, signé le .+, récurrent, 12 mois/)).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Rendez-vous tenu → Gagnée" })).toBeVisible();

    expect(await clubContracts(animator)).toEqual({ count: before.count + 1, euros: before.euros + 12_500 });
    await expectAccessible(animator);
    const buyer = await signedIn(browser, demo.buyer);
    await buyer.goto("/acheteur/rse/imprimer");
    await expect(buyer.getByRole("table", { name: "Entreprises des QPV avec lesquelles un contrat a été signé" }).getByRole("row", { name: /Net'Éclat Montreuil/ })).toContainText(/12\s500/);
    await expectAccessible(buyer);
  });

  test("the animator runs a follow-up session, records news on a participant's behalf and exports the list", async ({ page }) => {
    await login(page, demo.animator);
    await page.goto(`/clubs/${club}/suivi`);
    await expectAccessible(page);
    await page.getByLabel("Titre de la séance").fill("");
    await page.getByRole("button", { name: "Ouvrir la séance" }).click();
    await expect(page.getByText(/Donnez un titre à la séance/)).toBeVisible();
    await page.getByLabel("Titre de la séance").fill("Séance de novembre");
    await page.getByRole("button", { name: "Ouvrir la séance" }).click();
    await expect(page.getByRole("heading", { name: "Séance de novembre" })).toBeVisible();
    await expectAccessible(page);

    const supplier = page.getByRole("region", { name: /Net'Éclat Montreuil — fournisseur/ });
    await supplier.getByText("Noter une nouvelle pour Net'Éclat Montreuil").first().click();
    await supplier.getByLabel("Note", { exact: true }).first().fill("Deuxième commande prévue en janvier.");
    await supplier.getByRole("button", { name: "Ajouter la note" }).first().click();
    await expect(page.getByText("Nouvelle enregistrée.")).toBeVisible();
    await expect(page.getByRole("region", { name: /Net'Éclat Montreuil — fournisseur/ }).getByText(/Deuxième commande prévue en janvier\./)).toBeVisible();

    const download = page.waitForEvent("download");
    await page.getByRole("link", { name: "Exporter la liste (CSV)" }).click();
    const file = await download;
    const csv = await (await file.createReadStream()).toArray();
    const text = Buffer.concat(csv).toString("utf8");
    expect(text).toContain("Changements depuis la séance précédente");
    expect(text).toContain("Deuxième commande prévue en janvier.");
  });
});
