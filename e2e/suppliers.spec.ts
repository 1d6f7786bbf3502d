import { expect, test } from "@playwright/test";
import { demo, expectAccessible, login } from "./support";

// A real 1×1 PNG: the server reads the type from the bytes.
const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==", "base64");

test("a supplier completes its profile and declares its QPV; the animator verifies it", async ({ page, browser }) => {
  await login(page, demo.supplier);
  await page.goto("/fournisseur/profil");
  await expect(page.getByRole("heading", { name: "Ma fiche entreprise" })).toBeVisible();
  await expectAccessible(page);

  // Bad input: French messages, 400, nothing saved.
  await page.getByLabel("Téléphone").fill("12");
  await page.getByRole("button", { name: "Enregistrer la fiche" }).click();
  await expect(page.getByText("Numéro de téléphone invalide (ex. 01 23 45 67 89).")).toBeVisible();

  await page.getByLabel("Téléphone").fill("01 48 57 00 00");
  await page.getByLabel("Service 2 : titre").fill("Nettoyage de vitres");
  await page.getByLabel("Service 2 : description courte").fill("Intérieur et extérieur, jusqu'au 2e étage");
  await page.getByLabel("Référence 1 : client").fill("Habitat Francilien Solidaire");
  await page.getByLabel("Référence 1 : année").fill("2025");
  await page.getByLabel("Référence 1 : prestation").fill("Parties communes de 12 résidences");
  await page.getByLabel("Quartier prioritaire (QPV) où se trouvent vos locaux").selectOption({ label: "Jean Moulin - Espoir" });
  await page.getByRole("button", { name: "Enregistrer la fiche" }).click();
  await expect(page.getByText("Fiche enregistrée.")).toBeVisible();
  await expect(page.getByText(/QPV déclaré : Jean Moulin - Espoir/)).toBeVisible();
  await expect(page.getByRole("heading", { name: /Fiche complète à \d+ %/ })).toBeVisible();
  await expectAccessible(page);

  // A photo with its description (the text alternative), shown on the profile and, later, on the public page.
  await page.getByLabel("Photo (PNG, JPEG ou WebP, 1 Mo au plus)").setInputFiles({ name: "equipe.png", mimeType: "image/png", buffer: png });
  await page.getByLabel("Description de la photo").fill("L'équipe devant la camionnette");
  await page.getByRole("button", { name: "Ajouter la photo" }).click();
  await expect(page.getByText("Photo ajoutée.")).toBeVisible();
  await expect(page.getByRole("img", { name: "L'équipe devant la camionnette" })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Photos (1 sur 6)" })).toBeVisible();
  await expectAccessible(page);

  const animatorContext = await browser.newContext();
  const animator = await animatorContext.newPage();
  await login(animator, demo.animator);
  await animator.goto("/clubs/club-business-est-ensemble/verifications");
  await expectAccessible(animator);
  const card = animator.locator(".card", { has: animator.getByRole("heading", { name: "Net'Éclat Montreuil" }) });
  await card.getByLabel("Note (facultative)").fill("Visite des locaux le 3 mars");
  await card.getByRole("button", { name: "Vérifier l'implantation" }).click();
  await expect(animator.getByText("Implantation en QPV vérifiée.")).toBeVisible();
  await animator.getByRole("link", { name: "Vérifiées" }).click();
  await expect(animator.getByRole("heading", { name: "Net'Éclat Montreuil" })).toBeVisible();
  await animatorContext.close();

  await page.goto("/fournisseurs/net-eclat-montreuil");
  await expect(page.getByText("QPV vérifié : Jean Moulin - Espoir")).toBeVisible();
  await expect(page.getByText("Habitat Francilien Solidaire")).toBeVisible();
  const photo = page.getByRole("img", { name: "L'équipe devant la camionnette" });
  await expect(photo).toBeVisible();
  // Served from the database, cacheable for good.
  const served = await page.request.get((await photo.getAttribute("src"))!);
  expect(served.headers()["content-type"]).toBe("image/png");
  expect(served.headers()["cache-control"]).toContain("immutable");
  await expectAccessible(page);

  // Removed from the profile, it is gone from the public page.
  await page.goto("/fournisseur/profil");
  await page.getByRole("button", { name: "Retirer la photo « L'équipe devant la camionnette »" }).click();
  await expect(page.getByText("Photo retirée.")).toBeVisible();
  await page.goto("/fournisseurs/net-eclat-montreuil");
  await expect(page.getByRole("img", { name: "L'équipe devant la camionnette" })).toHaveCount(0);
});

test("a logo that is not an image is refused with a French message", async ({ page }) => {
  await login(page, demo.supplier);
  await page.goto("/fournisseur/profil");
  await page.getByLabel("Image PNG, JPEG ou WebP, 1 Mo au plus").setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: Buffer.from("ceci n'est pas une image") });
  await page.getByRole("button", { name: "Envoyer le logo" }).click();
  await expect(page.getByText("Le logo doit être une image PNG, JPEG ou WebP.")).toBeVisible();
});

test("a photo that is not an image, or without a description, is refused with a French message", async ({ page }) => {
  await login(page, demo.supplier);
  await page.goto("/fournisseur/profil");
  await page.getByLabel("Photo (PNG, JPEG ou WebP, 1 Mo au plus)").setInputFiles({ name: "photo.jpg", mimeType: "image/jpeg", buffer: Buffer.from("ceci n'est pas une image") });
  await page.getByLabel("Description de la photo").fill("Notre vitrine");
  await page.getByRole("button", { name: "Ajouter la photo" }).click();
  await expect(page.getByText("La photo doit être une image PNG, JPEG ou WebP.")).toBeVisible();
  await expect(page.getByLabel("Description de la photo")).toHaveValue("Notre vitrine");
  await expectAccessible(page);
  await page.getByLabel("Photo (PNG, JPEG ou WebP, 1 Mo au plus)").setInputFiles({ name: "vitrine.png", mimeType: "image/png", buffer: png });
  await page.getByLabel("Description de la photo").fill("ab");
  await page.getByLabel("Description de la photo").evaluate((input) => input.removeAttribute("required"));
  await page.getByRole("button", { name: "Ajouter la photo" }).click();
  await expect(page.getByText("Décrivez la photo en quelques mots (texte alternatif).")).toBeVisible();
});

test("a signed-in buyer contacts a supplier from its public page", async ({ page }) => {
  await login(page, demo.buyer);
  await page.goto("/fournisseurs/imprimerie-moderne-du-93");
  await expectAccessible(page);
  await page.getByLabel("Votre message").fill("Bonjour, nous cherchons un imprimeur pour 2 000 brochures en mai. Pouvez-vous nous faire un devis ?");
  await page.getByRole("button", { name: "Envoyer" }).click();
  await expect(page.getByText("Votre message a été envoyé au fournisseur.")).toBeVisible();
});

test("a visitor searches the directory with a typo and a facet, then opens a profile", async ({ page }) => {
  await page.goto("/fournisseurs");
  await expect(page.getByRole("heading", { name: "Annuaire des entreprises des quartiers" })).toBeVisible();
  await expectAccessible(page);
  await page.getByLabel("Rechercher").fill("netoyage bureau montreuil");
  await page.getByRole("button", { name: "Rechercher" }).click();
  await expect(page).toHaveURL(/q=netoyage/);
  const first = page.locator("article.result").first();
  await expect(first.getByRole("link")).toContainText("Net'Éclat Montreuil");
  await expect(first.locator("mark").first()).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("region", { name: "Catégorie" }).getByRole("link", { name: /Nettoyage/ }).first().click();
  await expect(page).toHaveURL(/categorie=nettoyage/);
  await expect(page.getByRole("link", { name: /Retirer le filtre/ })).toBeVisible();
  await page.goBack();
  await expect(page).not.toHaveURL(/categorie=/);
  await page.goForward();
  await expect(page).toHaveURL(/categorie=nettoyage/);

  await page.locator("article.result").first().getByRole("link").click();
  await expect(page.getByRole("heading", { level: 1, name: "Net'Éclat Montreuil" })).toBeVisible();
  await expectAccessible(page);
});

test("the directory works without JavaScript and suggests removing a filter when empty", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/fournisseurs?q=plomberie+sous-marine&categorie=imprimerie");
  await expect(page.getByText("Aucune entreprise ne correspond à votre recherche.")).toBeVisible();
  await page.getByRole("link", { name: "Effacer « plomberie sous-marine »" }).click();
  await expect(page).not.toHaveURL(/q=/);
  await expect(page.locator("article.result").first()).toContainText("Imprimerie");
  await context.close();
});

test("the open-data API returns the same results as JSON", async ({ request }) => {
  const response = await request.get("/api/v1/fournisseurs?q=traiteur&commune=93048&rayon_km=10");
  expect(response.status()).toBe(200);
  const body = await response.json();
  expect(body.total).toBeGreaterThan(0);
  expect(body.resultats[0]).toHaveProperty("siret");
  expect(body.resultats.every((r: { distance_km: number }) => r.distance_km <= 10)).toBe(true);
  expect(body.facettes).toHaveProperty("categories");
});
