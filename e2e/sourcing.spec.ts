import { expect, test } from "@playwright/test";
import { demo, expectAccessible, linkFromLatestMail, login } from "./support";

const clubSlug = "club-business-est-ensemble";

/** Luhn key appended to 13 digits: a valid SIRET. */
function siretFrom(prefix: string): string {
  for (let key = 0; key < 10; key++) {
    const digits = `${prefix}${key}`;
    let sum = 0;
    for (let i = 0; i < digits.length; i++) {
      let d = Number(digits[digits.length - 1 - i]);
      if (i % 2 === 1) d = d * 2 > 9 ? d * 2 - 9 : d * 2;
      sum += d;
    }
    if (sum % 10 === 0) return digits;
  }
  throw new Error("unreachable");
}

test("an animator imports suppliers, lists, exports and invites them; the company claims its profile", async ({ page, browser }) => {
  const run = String(Date.now()).slice(-7);
  const sirets = [1, 2, 3].map((n) => siretFrom(`88${run}${n}000`.slice(0, 13)));
  const email = `gerance-${run}@example.org`;
  const name = `Propreté Est ${run}`;
  const csv = [
    "siret;raison_sociale;enseigne;type_structure;code_naf;forme_juridique;adresse;code_postal;commune;code_insee_commune;latitude;longitude;site_web;effectif;description;email;telephone",
    `${sirets[0]};PROPRETE EST ${run};${name};EI;8121Z;SAS;12 rue de Paris;93100;Montreuil;93048;;;;;Nettoyage de bureaux;${email};01 48 00 00 00`,
    `${sirets[1]};JARDINS DE BAGNOLET ${run};;ACI;8130Z;Association;1 allée verte;93170;Bagnolet;;;;;;Espaces verts;;`,
    `${sirets[2]};TRAITEUR DU CANAL ${run};;;5621Z;SARL;5 quai de l'Ourcq;93500;Pantin;93055;;;;;;;`,
    `12345678901234;SIRET FAUX ${run};;EI;8121Z;SAS;;93100;Montreuil;93048;;;;;;;`,
    `${siretFrom(`89${run}0000`.slice(0, 13))};NULLE PART ${run};;EI;8121Z;SAS;;99999;Nulle-Part;;;;;;;;`,
  ].join("\r\n");

  await login(page, demo.animator);
  await page.goto(`/clubs/${clubSlug}/fournisseurs/import`);
  await expect(page.getByRole("heading", { name: "Importer des fournisseurs" })).toBeVisible();
  await expectAccessible(page);

  // Nothing chosen: a French message, nothing stored.
  await page.getByRole("button", { name: "Voir l'aperçu" }).click();
  await expect(page.getByText("Choisissez un fichier CSV.")).toBeVisible();

  await page.getByLabel("Fichier CSV (10 Mo au plus)").setInputFiles({ name: "fournisseurs-est.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Voir l'aperçu" }).click();
  await expect(page.getByRole("heading", { name: "Aperçu de l'import" })).toBeVisible();
  await expect(page.getByText("3 entreprises à importer")).toBeVisible();
  const rejected = page.getByRole("table", { name: /Lignes rejetées \(2\)/ });
  await expect(rejected.getByRole("row", { name: /SIRET FAUX/ })).toContainText("SIRET invalide (clé de contrôle)");
  await expect(rejected.getByRole("row", { name: /NULLE PART/ })).toContainText("Commune introuvable (code postal 99999, commune « Nulle-Part »)");
  await expect(page.getByRole("table", { name: /Premières entreprises à importer/ })).toContainText(name);
  await expectAccessible(page);

  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByRole("heading", { name: "Import terminé" })).toBeVisible();
  await expect(page.getByText("3 fiches créées")).toBeVisible();
  await expect(page.getByText("2 lignes rejetées")).toBeVisible();
  await expectAccessible(page);

  const rejectsHref = await page.getByRole("link", { name: "Télécharger les lignes rejetées" }).getAttribute("href");
  const rejects = await page.request.get(rejectsHref!);
  expect(rejects.status()).toBe(200);
  expect(rejects.headers()["content-disposition"]).toContain("fournisseurs-est.rejets.csv");
  const rejectsText = await rejects.text();
  expect(rejectsText.split("\r\n")[0]).toContain(";motif_rejet");
  expect(rejectsText).toContain(`SIRET FAUX ${run}`);
  expect(rejectsText).toContain("SIRET invalide (clé de contrôle)");
  expect(rejectsText).toContain("Commune introuvable");
  expect(rejectsText).not.toContain(name);

  await page.getByRole("link", { name: "Voir les fournisseurs du club" }).click();
  await expect(page.getByRole("heading", { name: "Fournisseurs du club" })).toBeVisible();
  await page.getByLabel("Nom ou SIRET").fill(run);
  await page.getByRole("button", { name: "Filtrer" }).click();
  const table = page.getByRole("table", { name: "Fournisseurs du club" });
  await expect(table.getByRole("row")).toHaveCount(4);
  await expect(table).toContainText(name);
  await expectAccessible(page);

  await page.getByLabel("Vérification QPV").selectOption("verified");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(page).toHaveURL(/statut=verified/);
  await expect(page.getByText("Aucun fournisseur ne correspond.")).toBeVisible();
  await page.getByLabel("Vérification QPV").selectOption("none");
  await page.getByRole("button", { name: "Filtrer" }).click();
  await expect(table.getByRole("row")).toHaveCount(4);

  const exportHref = await page.getByRole("link", { name: "Exporter la liste (CSV)" }).getAttribute("href");
  expect(exportHref).toContain("statut=none");
  const exported = await page.request.get(exportHref!);
  expect(exported.headers()["content-type"]).toContain("text/csv");
  const exportedText = await exported.text();
  expect(exportedText.startsWith("\uFEFFsiret;raison_sociale;")).toBe(true);
  for (const siret of sirets) expect(exportedText).toContain(siret);
  expect(exportedText.trim().split("\r\n")).toHaveLength(4);

  // Bulk invitation: the row without an e-mail cannot be selected.
  await expect(page.getByLabel(`Sélectionner JARDINS DE BAGNOLET ${run}`)).toBeDisabled();
  await page.getByLabel(`Sélectionner ${name}`).check();
  await page.getByRole("button", { name: "Inviter la sélection" }).click();
  await expect(page.getByText("1 invitation envoyée.")).toBeVisible();
  await expect(table.getByRole("row", { name: new RegExp(name) })).toContainText("invitée le");
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  // The company opens the mailed link, signs up with that address, verifies it, signs in, claims.
  const claimLink = await linkFromLatestMail(browser, email, "/revendiquer/");
  await page.goto(claimLink);
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Frevendiquer%2F/);
  await page.goto("/inscription");
  await page.getByLabel("Votre nom").fill("Aïcha Gérante");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("mot-de-passe-gerante");
  await page.getByLabel("Invité(e) à rejoindre une organisation").check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await page.goto(await linkFromLatestMail(browser, email, "/verification-email?token="));
  await login(page, email, "mot-de-passe-gerante");

  await page.goto(claimLink);
  await expect(page.getByRole("heading", { name: `Revendiquer la fiche de ${name}` })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("SIRET de l'entreprise").fill(sirets[1]!);
  await page.getByRole("button", { name: "Revendiquer la fiche" }).click();
  await expect(page.getByText("Ce SIRET ne correspond pas à l'entreprise invitée.", { exact: false })).toBeVisible();
  const spaced = `${sirets[0]!.slice(0, 3)} ${sirets[0]!.slice(3, 6)} ${sirets[0]!.slice(6, 9)} ${sirets[0]!.slice(9)}`;
  await page.getByLabel("SIRET de l'entreprise").fill(spaced);
  await page.getByRole("button", { name: "Revendiquer la fiche" }).click();
  await expect(page).toHaveURL(/\/fournisseur\/profil/);
  await expect(page.getByText(`La fiche de ${name} est maintenant la vôtre`, { exact: false })).toBeVisible();
  await expectAccessible(page);

  // The link is used up.
  await page.goto(claimLink);
  await expect(page.getByText("Ce lien n'est plus valable", { exact: false })).toBeVisible();
});

test("the import works without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  const run = String(Date.now()).slice(-7);
  const siret = siretFrom(`77${run}0000`.slice(0, 13));
  const csv = `siret,raison_sociale,code_postal,commune\n${siret},SANS JS ${run},93130,Noisy-le-Sec\n12345678901234,SIRET FAUX,93130,Noisy-le-Sec\n`;
  await login(page, demo.animator);
  await page.goto(`/clubs/${clubSlug}/fournisseurs/import`);
  await page.getByLabel("Fichier CSV (10 Mo au plus)").setInputFiles({ name: "sans-js.csv", mimeType: "text/csv", buffer: Buffer.from(csv, "utf8") });
  await page.getByRole("button", { name: "Voir l'aperçu" }).click();
  await expect(page.getByText("1 entreprise à importer")).toBeVisible();
  await page.getByRole("button", { name: "Importer" }).click();
  await expect(page.getByText("1 fiche créée")).toBeVisible();
  await expect(page.getByText("1 ligne rejetée")).toBeVisible();
  await page.goto(`/clubs/${clubSlug}/fournisseurs?q=${run}`);
  await expect(page.getByRole("table", { name: "Fournisseurs du club" })).toContainText(`SANS JS ${run}`);
  await context.close();
});
