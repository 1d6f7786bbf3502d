import { expect, test } from "@playwright/test";
import { expectAccessible } from "./support";

test("twenty wrong passwords from one IP end in a 429 with a French message", async ({ request }) => {
  const statuses: number[] = [];
  let lastBody = "";
  for (let i = 0; i < 20; i++) {
    const response = await request.post("/connexion", {
      form: { email: `inconnu${i}@example.org`, password: "mauvais" },
      headers: { "X-Forwarded-For": "198.51.100.7" },
    });
    statuses.push(response.status());
    lastBody = await response.text();
  }
  expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
  expect(statuses.at(-1)).toBe(429);
  expect(lastBody).toContain("Trop de tentatives");
});

test("a POST from another site is refused with 403", async ({ request }) => {
  const response = await request.post("/connexion", {
    form: { email: "x@example.org", password: "y" },
    headers: { Origin: "https://evil.example.com" },
  });
  expect(response.status()).toBe(403);
  expect(await response.text()).toContain("autre site");
});

test("unknown pages and forbidden pages answer in French", async ({ page }) => {
  const missing = await page.goto("/cette-page-n-existe-pas");
  expect(missing?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Page introuvable" })).toBeVisible();
  await expectAccessible(page);
  const favicon = await page.request.get("/favicon.ico");
  expect(favicon.status()).toBe(200);
});

test("bad input gets a 400 and French messages, not a 500", async ({ request }) => {
  const response = await request.post("/inscription", { form: { email: "pas-un-email", password: "court" } });
  expect(response.status()).toBe(400);
  const body = await response.text();
  expect(body).toContain("Cette adresse e-mail n&#x27;est pas valide.");
});
