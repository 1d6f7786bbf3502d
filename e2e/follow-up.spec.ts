import { expect, test } from "@playwright/test";
import { demo, expectAccessible, login } from "./support";

const club = "club-business-est-ensemble";
const pastEvent = "Rencontre Business de Proximité — Est Ensemble (automne)";

test.describe("follow-up of business contacts", () => {
  test("after the demo event, the supplier records the contract won with its amount", async ({ page }) => {
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
    await expectAccessible(page);

    // "Gagnée" without the contract: refused with French messages, nothing changes.
    await page.getByLabel("Nouvelle étape").selectOption({ label: "Gagnée" });
    await page.getByRole("button", { name: "Enregistrer l'étape" }).click();
    await expect(page.getByText("Indiquez le montant HT du contrat.")).toBeVisible();
    await expect(page.getByText("Indiquez la date de signature du contrat.")).toBeVisible();

    await page.getByLabel("Nouvelle étape").selectOption({ label: "Gagnée" });
    await page.getByLabel("Date de signature").fill("2026-11-20");
    await page.getByLabel("Montant du contrat (€ HT)").fill("12 500");
    await page.getByLabel("Durée (mois)").fill("12");
    await page.getByLabel("Contrat récurrent").check();
    await page.getByRole("button", { name: "Enregistrer l'étape" }).click();
    await expect(page.getByText("Étape enregistrée.")).toBeVisible();
    await expect(page.getByText(/12\s500\s€ HT, signé le 20 novembre 2026, récurrent, 12 mois/)).toBeVisible();
    await expect(page.getByRole("listitem").filter({ hasText: "Rendez-vous tenu → Gagnée" })).toBeVisible();
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
