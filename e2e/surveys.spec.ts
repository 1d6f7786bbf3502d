import { expect, test, type Browser } from "@playwright/test";
import { demo, expectAccessible, login } from "./support";

/**
 * The demo's past event holds a meeting more than 30 days old: its 30-day surveys are due, and
 * the worker sends what is due when it starts. The link is read from the outbox (/admin/mails).
 */
async function surveyLink(browser: Browser, to: string): Promise<string> {
  const context = await browser.newContext();
  const page = await context.newPage();
  try {
    await login(page, demo.admin);
    const subject = "Cela a-t-il débouché sur une affaire ?";
    await expect(async () => {
      await page.goto(`/admin/mails?a=${encodeURIComponent(to)}`);
      await expect(page.getByRole("table").getByRole("link", { name: subject }).first()).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    await page.getByRole("table").getByRole("link", { name: subject }).first().click();
    const body = await page.getByTestId("mail-body").innerText();
    const link = body.match(/https?:\/\/\S*\/suivi\/[A-Za-z0-9_-]+/)?.[0];
    if (!link) throw new Error(`no survey link in the mail to ${to}:\n${body}`);
    return new URL(link).pathname;
  } finally {
    await context.close();
  }
}

test("a survey link works without signing in and without JavaScript, once", async ({ browser, page }) => {
  const path = await surveyLink(browser, demo.buyer);
  // Reading the page does not use the link (mail scanners open links).
  await page.goto(path);
  await expect(page.getByRole("heading", { name: "Cela a-t-il débouché sur une affaire ?" })).toBeVisible();
  await expectAccessible(page);

  const context = await browser.newContext({ javaScriptEnabled: false });
  const noJs = await context.newPage();
  try {
    await noJs.goto(path);
    // "Non" without a reason: a French message, nothing recorded.
    await noJs.getByRole("button", { name: "Non", exact: true }).click();
    await expect(noJs.getByText("Choisissez la raison.")).toBeVisible();
    // "Pas encore" keeps the opportunity's stage (follow-up.spec.ts moves the same one).
    await noJs.getByRole("button", { name: "Pas encore" }).click();
    await expect(noJs.getByRole("heading", { name: "Merci" })).toBeVisible();
  } finally {
    await context.close();
  }

  const again = await page.goto(path);
  expect(again?.status()).toBe(410);
  await expect(page.getByText("Vous avez déjà répondu à cette enquête")).toBeVisible();
  await expectAccessible(page);

  const unknown = await page.goto("/suivi/lien-inconnu-0123456789abcdef");
  expect(unknown?.status()).toBe(404);
  await expect(page.getByText("Ce lien d'enquête n'existe pas ou a expiré")).toBeVisible();
});
