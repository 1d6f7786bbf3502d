import { expect, test } from "@playwright/test";
import { demo, expectAccessible, login } from "./support";

const club = "club-business-est-ensemble";

test("the animator reads the club's observatory, changes the period and downloads the CSV", async ({ page }) => {
  await login(page, demo.animator);
  await page.getByRole("link", { name: "Observatoire : Club Business Est Ensemble" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observatoire du club" })).toBeVisible();
  await expect(page.getByRole("img", { name: /Entreprises sourcées par catégorie/ })).toBeVisible();
  await expect(page.getByRole("table", { name: /Entreprises sourcées par catégorie/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Contrats signés pendant la période" }).getByRole("row", { name: /Tous fournisseurs/ }).getByRole("cell").nth(1)).toHaveText(/^([4-9]|[1-9]\d+)$/); // 4 in the demo, more after other journeys
  await expectAccessible(page);

  const year = new Date().getFullYear();
  await page.getByRole("textbox", { name: "Du", exact: true }).fill(`${year - 1}-01-01`);
  await page.getByRole("textbox", { name: "Au", exact: true }).fill(`${year}-12-31`);
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(new RegExp(`du=${year - 1}-01-01`));
  const href = await page.getByRole("link", { name: "Télécharger les chiffres (CSV)" }).getAttribute("href");
  expect(href).toBe(`/clubs/${club}/observatoire.csv?du=${year - 1}-01-01&au=${year}-12-31`);
  const csv = await page.request.get(href!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Club Business Est Ensemble,");
});

test("the buyer opens its CSR purchasing report and its printable version", async ({ page }) => {
  await login(page, demo.buyer);
  await page.getByRole("link", { name: "Rapport RSE" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Rapport d'achats responsables" })).toBeVisible();
  await expect(page.getByRole("listitem").filter({ hasText: "contrats avec des entreprises des QPV" })).toContainText(/([3-9]|[1-9]\d+)\s*contrats/); // 3 in the demo
  await expect(page.getByRole("img", { name: /Achats aux entreprises des QPV par trimestre/ })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole("link", { name: "Version imprimable" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Achats responsables de Habitat Francilien Solidaire/ })).toBeVisible();
  await expect(page.getByRole("table", { name: "Entreprises des QPV avec lesquelles un contrat a été signé" }).getByRole("row").nth(3)).toBeVisible();
  await expectAccessible(page);
});

test("a visitor reads a club's public figures, with '< 5' where fewer than five companies", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Navigation principale" }).getByRole("link", { name: "Observatoire" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Observatoire des Rencontres Business de Proximité" })).toBeVisible();
  await page.getByRole("link", { name: "Club Business Est Ensemble" }).click();
  await expect(page.getByRole("heading", { level: 1, name: /Club Business Est Ensemble : les chiffres de \d{4}/ })).toBeVisible();
  const keyFigures = page.getByRole("table", { name: /Chiffres clés/ });
  await expect(keyFigures.getByRole("row", { name: /Entreprises sourcées/ }).first()).toContainText("30");
  // four contracts with one buyer: neither their number nor their amount is published
  // Fewer than 5 companies in the demo (other journeys may add contracts): shown as "< 5" or not at all as an amount.
  await expect(keyFigures.getByRole("row", { name: /Contrats gagnés/ })).toContainText(/< 5|\d/);
  await expect(page.getByRole("table", { name: /par quartier prioritaire/ }).getByRole("cell", { name: "< 5" }).first()).toBeVisible();
  await expectAccessible(page);
});

test("the admin filters the territory dashboard by department, without JavaScript", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await login(page, demo.admin);
  await page.goto("/admin/observatoire");
  await expect(page.getByRole("heading", { level: 1, name: "Observatoire des territoires" })).toBeVisible();
  await page.getByLabel("Département").selectOption("93");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page).toHaveURL(/departement=93/);
  await expect(page.getByText("Département : Seine-Saint-Denis (93)", { exact: true })).toBeVisible();
  await expect(page.getByRole("table", { name: "Contrats signés pendant la période" }).getByRole("row", { name: /Tous fournisseurs/ }).getByRole("cell").nth(1)).toHaveText(/^([4-9]|[1-9]\d+)$/); // 4 in the demo, more after other journeys
  await page.getByRole("textbox", { name: "Code QPV" }).fill("QN00000X");
  await page.getByRole("button", { name: "Afficher" }).click();
  await expect(page.getByRole("alert")).toContainText("QPV inconnu : QN00000X.");
  await context.close();
});
