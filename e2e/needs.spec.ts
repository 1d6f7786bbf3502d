import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, expectAccessible, linkFromLatestMail, login } from "./support";

const club = "club-business-est-ensemble";
const supplierName = "Net'Éclat Montreuil";
const deadline = `${new Date().getFullYear() + 1}-03-31`;
const pdf = { name: "devis.pdf", mimeType: "application/pdf", buffer: Buffer.from("%PDF-1.4\n% devis Net'Éclat\n1 0 obj << >> endobj\n%%EOF\n") };

/** Another person's browser (axe needs a page from its own context). */
async function otherPerson(browser: Browser): Promise<Page> {
  return (await browser.newContext()).newPage();
}

/** The demo supplier's profile, created when the demo has none yet: category "nettoyage" in Montreuil. */
async function ensureSupplierProfile(page: Page) {
  await page.goto("/fournisseur/profil");
  if (await page.getByRole("heading", { name: /Créer la fiche de/ }).isVisible()) {
    await page.getByLabel("SIRET").fill("80295478500028");
    await page.getByRole("button", { name: "Créer la fiche" }).click();
    await expect(page.getByRole("heading", { name: "Ma fiche entreprise" })).toBeVisible();
  }
  await page.getByLabel("Nettoyage et propreté").check();
  await page.getByLabel("Commune", { exact: true }).fill("Montreuil (93100)");
  if (!(await page.getByLabel("Présentation de l'entreprise").inputValue())) {
    await page.getByLabel("Présentation de l'entreprise").fill("Nettoyage de bureaux et de parties communes dans l'Est parisien, équipes formées aux produits écolabellisés.");
  }
  await page.getByRole("button", { name: "Enregistrer la fiche" }).click();
  await expect(page.getByText("Fiche enregistrée.")).toBeVisible();
}

async function fillNeed(page: Page, title: string) {
  await page.getByLabel("Club").selectOption({ label: "Club Business Est Ensemble" });
  await page.getByLabel("Titre").fill(title);
  await page.getByLabel("Description").fill("Nettoyage hebdomadaire des parties communes et des bureaux de 12 résidences à Montreuil, produits écolabellisés.");
  await page.getByLabel("Nettoyage et propreté").check();
  await page.getByLabel("Commune de la prestation").fill("Montreuil (93100)");
  await page.getByLabel("Rayon (km)").fill("15");
  await page.getByLabel("Tranche de budget").selectOption({ label: "De 25 à 90 k€" });
  await page.getByLabel("Date limite de réponse").fill(deadline);
  await page.getByLabel("Démarche RSE").selectOption({ label: "Lot réservé (SIAE, EA, ESAT)" });
  await page.getByLabel("Question 1").fill("Combien de salariés en insertion ?");
}

test("a buyer posts a need, the animator approves it, a matched supplier answers with a quote and is selected", async ({ page, browser }) => {
  const title = `Nettoyage des parties communes ${Date.now()}`;
  const supplier = await otherPerson(browser);
  await login(supplier, demo.supplier);
  await ensureSupplierProfile(supplier);

  // The buyer: bad input first (French messages, nothing created), then the need.
  await login(page, demo.buyer);
  await page.goto("/acheteur/besoins");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Publier un nouveau besoin" }).click();
  await expect(page.getByRole("heading", { name: "Nouveau besoin d'achat" })).toBeVisible();
  await expectAccessible(page);
  const refused = page.waitForResponse((r) => r.request().method() === "POST" && r.url().includes("/acheteur/besoins/nouveau"));
  await page.getByRole("button", { name: "Soumettre le besoin" }).click();
  expect((await refused).status()).toBe(400);
  await expect(page.getByText("Donnez un titre au besoin.")).toBeVisible();
  await expect(page.getByText("Choisissez au moins une catégorie.")).toBeVisible();
  await expect(page.getByText("Indiquez la date limite de réponse.")).toBeVisible();
  await expectAccessible(page);

  await fillNeed(page, title);
  await page.getByRole("button", { name: "Soumettre le besoin" }).click();
  await expect(page.getByText("Besoin soumis : l'animateur du club le valide avant publication.")).toBeVisible();
  await expect(page.getByRole("heading", { name: title })).toBeVisible();
  await expect(page.getByText("En attente de validation").first()).toBeVisible();
  await expectAccessible(page);
  const needUrl = page.url();

  // The animator approves it.
  const animator = await otherPerson(browser);
  await login(animator, demo.animator);
  await animator.goto(`/clubs/${club}/besoins`);
  await expectAccessible(animator);
  await animator.getByRole("button", { name: `Valider et publier « ${title} »` }).click();
  await expect(animator.getByText("Besoin validé et publié : les fournisseurs correspondants sont prévenus.")).toBeVisible();

  // The supplier: in its notifications (count in the navigation), its feed, and the mail.
  await supplier.goto("/fournisseur/besoins");
  await expect(supplier.getByRole("link", { name: /^Notifications \d+ non lues?$/ })).toBeVisible();
  await supplier.getByRole("link", { name: /^Notifications/ }).click();
  await expect(supplier.getByRole("heading", { name: "Notifications" })).toBeVisible();
  await expect(supplier.getByRole("link", { name: `Un besoin pour vous : ${title}` })).toBeVisible();
  await expectAccessible(supplier);
  await supplier.getByRole("button", { name: `Marquer comme lue : Un besoin pour vous : ${title}` }).click();
  await expect(supplier.getByText("Notification marquée comme lue.")).toBeVisible();
  await expect(supplier.getByRole("button", { name: `Marquer comme lue : Un besoin pour vous : ${title}` })).toHaveCount(0);
  await supplier.goto("/fournisseur/besoins");
  await expect(supplier.getByRole("link", { name: title })).toBeVisible();
  await expect(supplier.getByText("Catégorie : Nettoyage et propreté").first()).toBeVisible();
  await expectAccessible(supplier);
  const link = await linkFromLatestMail(browser, demo.supplier, "/fournisseur/besoins/");
  await supplier.goto(link);
  await expect(supplier.getByRole("heading", { name: title })).toBeVisible();
  await expectAccessible(supplier);
  await supplier.getByRole("button", { name: "Envoyer ma réponse" }).click();
  await expect(supplier.getByText("Présentez votre proposition en 10 caractères au moins.")).toBeVisible();
  await supplier.getByLabel("Votre message à l'acheteur").fill("Nous intervenons déjà à Montreuil et pouvons démarrer le mois prochain.");
  await supplier.getByLabel("Combien de salariés en insertion ?").fill("4 salariés en parcours d'insertion");
  await supplier.getByLabel("Montant du devis en euros (facultatif)").fill("42 000");
  await supplier.getByLabel("Devis en PDF (facultatif, 5 Mo au plus)").setInputFiles(pdf);
  await supplier.getByRole("button", { name: "Envoyer ma réponse" }).click();
  await expect(supplier.getByText("Réponse envoyée : l'acheteur est prévenu.")).toBeVisible();
  await expectAccessible(supplier);

  // The buyer is told in the app too.
  await page.goto("/notifications");
  await expect(page.getByRole("link", { name: `Nouvelle réponse : ${title}` }).first()).toBeVisible();

  // The buyer shortlists and selects it.
  await page.goto(needUrl);
  await expect(page.getByText("Nous intervenons déjà à Montreuil")).toBeVisible();
  await expect(page.getByRole("link", { name: `Télécharger le devis de ${supplierName}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByRole("button", { name: `Présélectionner ${supplierName}` }).click();
  await expect(page.getByText("Fournisseur présélectionné.")).toBeVisible();
  await page.getByRole("button", { name: `Retenir ${supplierName}` }).click();
  await expect(page.getByText("Indiquez le montant retenu.")).toBeVisible();
  await page.getByLabel(`Montant retenu pour ${supplierName} (€)`).fill("41 500");
  await page.getByRole("button", { name: `Retenir ${supplierName}` }).click();
  await expect(page.getByText("Fournisseur retenu.")).toBeVisible();
  await expect(page.getByText(/Montant retenu : 41\s500\s€/)).toBeVisible();
  const csv = await page.request.get(`${needUrl}.csv`);
  expect(csv.status()).toBe(200);
  expect(await csv.text()).toContain("41500,00");
  await expectAccessible(page);
  await animator.context().close();
  await supplier.context().close();
});

test("a supplier declines a need with a reason", async ({ page, browser }) => {
  const title = `Nettoyage de vitres ${Date.now()}`;
  // This time the club publishes without approval (its setting, changed by the animator).
  const animator = await otherPerson(browser);
  await login(animator, demo.animator);
  await animator.goto(`/clubs/${club}/besoins`);
  await animator.getByLabel("Fournisseurs prévenus par besoin").fill("0");
  await animator.getByRole("button", { name: "Enregistrer les règles" }).click();
  await expect(animator.getByText("Au moins 1 fournisseur.")).toBeVisible();
  await animator.getByLabel("Valider chaque besoin avant sa publication").uncheck();
  await animator.getByLabel("Fournisseurs prévenus par besoin").fill("1");
  await animator.getByRole("button", { name: "Enregistrer les règles" }).click();
  await expect(animator.getByText("Règles du club enregistrées.")).toBeVisible();

  const buyer = await otherPerson(browser);
  await login(buyer, demo.buyer);
  await buyer.goto("/acheteur/besoins/nouveau");
  await fillNeed(buyer, title);
  await buyer.getByRole("button", { name: "Soumettre le besoin" }).click();
  await expect(buyer.getByText("Besoin publié : les fournisseurs correspondants sont prévenus.")).toBeVisible();

  // One supplier per batch here: the buyer sends the next one from the need page.
  await expect(buyer.getByText(/À la publication, le .* : 1 fournisseur prévenu/)).toBeVisible();
  await expect(buyer.getByText(/^\d+ autres? fournisseurs? correspond/)).toBeVisible();
  await expectAccessible(buyer);
  await buyer.getByRole("button", { name: "Prévenir le fournisseur suivant" }).click();
  await expect(buyer.getByText("1 fournisseur de plus est prévenu.")).toBeVisible();
  await expect(buyer.getByText(/Envoi n° 2, le .* : 1 fournisseur prévenu \(par /)).toBeVisible();
  await expectAccessible(buyer);

  await login(page, demo.supplier);
  await page.goto("/fournisseur/besoins");
  await page.getByRole("link", { name: title }).click();
  await page.getByRole("button", { name: "Je ne suis pas intéressé" }).click();
  await expect(page.getByText("Indiquez le motif de votre refus.")).toBeVisible();
  await page.getByLabel("Motif").fill("Pas d'équipe disponible avant l'été");
  await page.getByRole("button", { name: "Je ne suis pas intéressé" }).click();
  await expect(page.getByText("C'est noté : merci d'avoir répondu.")).toBeVisible();
  await expect(page.getByText("Vous avez indiqué ne pas être intéressé : « Pas d'équipe disponible avant l'été ».")).toBeVisible();
  await expectAccessible(page);

  await buyer.reload();
  await expect(buyer.getByText("Motif : « Pas d'équipe disponible avant l'été »")).toBeVisible();

  // Back to moderation and 20 suppliers per batch for the other specs.
  await animator.getByLabel("Valider chaque besoin avant sa publication").check();
  await animator.getByLabel("Fournisseurs prévenus par besoin").fill("20");
  await animator.getByRole("button", { name: "Enregistrer les règles" }).click();
  await expect(animator.getByText("Règles du club enregistrées.")).toBeVisible();
  await animator.context().close();
  await buyer.context().close();
});
