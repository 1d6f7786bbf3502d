import AxeBuilder from "@axe-core/playwright";
import { expect, type Browser, type Page } from "@playwright/test";

export const demoPassword = "Proxima2026!demo";
export const demo = {
  admin: "admin@demo.example.org",
  animator: "animatrice@demo.example.org",
  buyer: "acheteuse@demo.example.org",
  supplier: "fournisseur@demo.example.org",
};

/** No serious or critical axe violation on the page as it is now. */
export async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  const blocking = results.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(blocking.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(" ")).join(", ")})`)).toEqual([]);
}

export async function login(page: Page, email: string, password = demoPassword) {
  await page.goto("/connexion");
  await page.getByLabel("Adresse e-mail").fill(email);
  await page.getByLabel("Mot de passe", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Se connecter" }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
}

/**
 * Reads the latest mail sent to `to` from the outbox (/admin/mails), as the demo administrator
 * in a separate browser context, and returns the first link in it that contains `pathPart`.
 */
export async function linkFromLatestMail(browser: Browser, to: string, pathPart: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await login(page, demo.admin);
    await expect(async () => {
      await page.goto(`/admin/mails?a=${encodeURIComponent(to)}`);
      await expect(page.getByRole("table").getByRole("link").first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 15_000 });
    await page.getByRole("table").getByRole("link").first().click();
    const body = await page.getByTestId("mail-body").innerText();
    const link = body.match(new RegExp(`https?://\\S*${pathPart.replace(/[?]/g, "\\?")}\\S*`))?.[0];
    if (!link) throw new Error(`no link with ${pathPart} in the mail to ${to}:\n${body}`);
    return new URL(link).pathname + new URL(link).search;
  } finally {
    await context.close();
  }
}
