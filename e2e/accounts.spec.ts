import { expect, test } from "@playwright/test";
import { demo, expectAccessible, linkFromLatestMail, login } from "./support";

test("sign-up, e-mail verification through the outbox, login and logout", async ({ page, browser }) => {
  const email = `nouvelle-${Date.now()}@example.org`;
  await page.goto("/");
  await expectAccessible(page);
  await page.getByRole("link", { name: "Créer un compte" }).first().click();
  await expect(page.getByRole("heading", { name: "Créer un compte" })).toBeVisible();
  await expectAccessible(page);

  // Bad input first: French messages, nothing created.
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByText("Indiquez votre nom.")).toBeVisible();

  await page.getByLabel("Votre nom").fill("Fatou Ndiaye");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("un-mot-de-passe-solide");
  await page.getByLabel("Une entreprise d'un quartier prioritaire (fournisseur)").check();
  await page.getByLabel("Nom de votre entreprise").fill("Fatou Traiteur");
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByText(/Vérifiez votre boîte mail/)).toBeVisible();
  await expectAccessible(page);

  const verification = await linkFromLatestMail(browser, email, "/verification-email?token=");
  await page.goto(verification);
  await expect(page.getByText("Votre adresse est confirmée.")).toBeVisible();
  await expectAccessible(page);

  await login(page, email, "un-mot-de-passe-solide");
  await expect(page.getByRole("heading", { name: "Bonjour Fatou Ndiaye" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Fatou Traiteur" })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("button", { name: "Se déconnecter" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Se connecter" })).toBeVisible();
  await page.goto("/tableau-de-bord");
  await expect(page).toHaveURL(/\/connexion\?redirectTo=%2Ftableau-de-bord/);
});

test("password reset by e-mail link, single use", async ({ page, browser }) => {
  const email = `reset-${Date.now()}@example.org`;
  await page.goto("/inscription");
  await page.getByLabel("Votre nom").fill("Hugo Martin");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("premier-mot-de-passe");
  await page.getByLabel("Invité(e) à rejoindre une organisation").check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await page.goto(await linkFromLatestMail(browser, email, "/verification-email?token="));

  await page.goto("/connexion");
  await page.getByRole("link", { name: "Mot de passe oublié ?" }).click();
  await expectAccessible(page);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Envoyer le lien" }).click();
  await expect(page.getByText(/Si un compte existe pour cette adresse/)).toBeVisible();

  const resetLink = await linkFromLatestMail(browser, email, "/reinitialiser-mot-de-passe?token=");
  await page.goto(resetLink);
  await expectAccessible(page);
  await page.getByLabel("Nouveau mot de passe").fill("second-mot-de-passe");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Votre mot de passe a été changé.")).toBeVisible();

  await login(page, email, "second-mot-de-passe");
  await expect(page.getByRole("heading", { name: "Bonjour Hugo Martin" })).toBeVisible();

  await page.goto(resetLink);
  await page.getByLabel("Nouveau mot de passe").fill("troisieme-mot-de-passe");
  await page.getByRole("button", { name: "Enregistrer" }).click();
  await expect(page.getByText("Ce lien n'est plus valable. Demandez-en un nouveau.")).toBeVisible();
});

test("an invitation to join an organisation is accepted", async ({ page, browser }) => {
  const email = `collegue-${Date.now()}@example.org`;
  await login(page, demo.supplier);
  await page.goto("/organisations/net-eclat-montreuil/membres");
  await expectAccessible(page);
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByRole("button", { name: "Envoyer l'invitation" }).click();
  await expect(page.getByText(`Invitation envoyée à ${email}.`)).toBeVisible();
  await page.getByRole("button", { name: "Se déconnecter" }).click();

  const invitation = await linkFromLatestMail(browser, email, "/invitations/");
  await page.goto(invitation);
  await expect(page.getByRole("heading", { name: "Invitation à rejoindre Net'Éclat Montreuil" })).toBeVisible();
  await expectAccessible(page);

  await page.goto("/inscription");
  await page.getByLabel("Votre nom").fill("Inès Collègue");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe").fill("mot-de-passe-collegue");
  await page.getByLabel("Invité(e) à rejoindre une organisation").check();
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await page.goto(await linkFromLatestMail(browser, email, "/verification-email?token="));
  await login(page, email, "mot-de-passe-collegue");

  await page.goto(invitation);
  await page.getByRole("button", { name: "Accepter" }).click();
  await expect(page.getByText("Invitation acceptée : bienvenue !")).toBeVisible();
  await expect(page.getByRole("heading", { name: "Net'Éclat Montreuil" })).toBeVisible();
});

test("an administrator creates a club and names its animator", async ({ page }) => {
  await login(page, demo.admin);
  await page.goto("/admin/clubs");
  await expectAccessible(page);
  await page.getByLabel("Nom de l'EPCI").fill("Toulouse");
  await page.getByRole("button", { name: "Chercher" }).click();
  await expect(page.getByText("Toulouse Métropole")).toBeVisible();
  await page.getByLabel("Nom du club").fill("Club Entreprendre Toulouse");
  await page.getByLabel("Code SIREN de l'EPCI").fill("243100518");
  await page.getByRole("button", { name: "Créer le club" }).click();
  await expect(page.getByRole("heading", { name: "Club Entreprendre Toulouse" })).toBeVisible();
  await expect(page.getByRole("heading", { name: /QPV couverts \(\d+\)/ })).toBeVisible();
  await page.getByLabel("Adresse e-mail de l'animateur").fill(demo.buyer);
  await page.getByRole("button", { name: "Nommer animateur" }).click();
  await expect(page.getByText("Animateur ajouté au club.")).toBeVisible();
  await expectAccessible(page);
});

test("pages work without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, demo.animator);
  await expect(page.getByRole("heading", { name: "Bonjour Nadia Benali" })).toBeVisible();
  await page.getByRole("link", { name: "Club : Club Business Est Ensemble" }).click();
  await expect(page.getByRole("heading", { name: "Club Business Est Ensemble" })).toBeVisible();
  await page.goto("/connexion");
  await context.close();
});
