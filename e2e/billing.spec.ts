import { spawn, type ChildProcess } from "node:child_process";
import { expect, test, type Browser, type Page } from "@playwright/test";
import Stripe from "stripe";
import { demo, expectAccessible, login } from "./support";

// Payments in the browser. The suite's server runs without Stripe keys: (a) checks that the
// platform is then free. Stripe's API cannot be reached from here, so (b) starts a second server
// of ours with test keys, lets the real registration action fail to reach Checkout, seeds the
// pending payment Checkout would have left through a test-only hook (off in production), and
// delivers a webhook signed like Stripe's to /webhooks/stripe.

const club = "club-business-est-ensemble";
const stamp = Date.now();
const eventDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const paidPort = Number(process.env.E2E_PAID_PORT ?? Number(process.env.E2E_PORT ?? 3100) + 1);
const paidURL = `http://localhost:${paidPort}`;
const webhookSecret = "whsec_test_proxima_e2e";

async function as(browser: Browser, email: string, baseURL?: string): Promise<Page> {
  const context = await browser.newContext(baseURL ? { baseURL } : {});
  const page = await context.newPage();
  await login(page, email);
  return page;
}

/** The animator creates an event with a buyer ticket price and opens its registrations; returns its slug. */
async function createPricedEvent(animator: Page, title: string): Promise<string> {
  await animator.goto(`/clubs/${club}/rencontres`);
  await animator.getByLabel("Titre").fill(title);
  await animator.getByLabel("Lieu (adresse)").fill("Mairie de Montreuil, 1 place Jean-Jaurès");
  await animator.locator("#f-date").fill(eventDate);
  await animator.getByLabel("Matin : fin").fill("10:00");
  await animator.getByLabel("Prix du billet acheteur (€, facultatif)").fill("45");
  await animator.getByRole("button", { name: "Créer la rencontre" }).click();
  await expect(animator.getByRole("heading", { level: 1, name: title })).toBeVisible();
  const slug = animator.url().split("/").pop()!;
  await animator.getByRole("button", { name: "Ouvrir les inscriptions" }).click();
  await expect(animator.getByText("Statut : Inscriptions ouvertes.")).toBeVisible();
  return slug;
}

test("without Stripe keys the platform is free: no price shown, a buyer registers without paying", async ({ browser }) => {
  const title = `Rencontre gratuite ${stamp}`;
  const animator = await as(browser, demo.animator);
  const slug = await createPricedEvent(animator, title);

  const buyer = await as(browser, demo.buyer);
  await buyer.goto(`/rencontres/${slug}`);
  await expect(buyer.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(buyer.getByText(/Billet acheteur/)).toHaveCount(0);
  await expect(buyer.getByText(/45\s€/)).toHaveCount(0);
  await expectAccessible(buyer);
  await buyer.getByLabel("Ce que vous cherchez ou proposez").fill("Nettoyage de nos résidences.");
  await buyer.getByRole("button", { name: "M'inscrire", exact: true }).click();
  await expect(buyer.getByText("Vous êtes inscrit. Demandez maintenant vos rendez-vous.")).toBeVisible();
  await expect(buyer.getByText("Inscription validée")).toBeVisible();
  await expectAccessible(buyer);
});

test.describe("with Stripe test keys", () => {
  let server: ChildProcess | undefined;

  test.beforeAll(async () => {
    test.setTimeout(240_000);
    // A second instance of the app (the suite's server has built it), on its own fresh database.
    server = spawn(process.execPath, ["e2e/start-server.mjs"], {
      stdio: "ignore",
      env: {
        ...process.env,
        PORT: String(paidPort),
        APP_URL: paidURL,
        TRUST_PROXY: "true",
        PROXIMA_DEMO: "true",
        NODE_ENV: "production",
        STRIPE_SECRET_KEY: "sk_test_dummy",
        STRIPE_WEBHOOK_SECRET: webhookSecret,
        PROXIMA_E2E_HOOKS: "1",
      },
    });
    await expect(async () => {
      const response = await fetch(`${paidURL}/healthz`);
      expect(response.ok).toBe(true);
    }).toPass({ timeout: 200_000, intervals: [1000] });
  });

  test.afterAll(() => {
    if (server?.pid) process.kill(server.pid, "SIGTERM");
  });

  test("a buyer's ticket: price shown, Checkout unreachable then retried, confirmed by a signed webhook", async ({ browser, request }) => {
    test.setTimeout(180_000);
    const title = `Rencontre payante ${stamp}`;
    const animator = await as(browser, demo.animator, paidURL);
    const slug = await createPricedEvent(animator, title);

    const buyer = await as(browser, demo.buyer, paidURL);
    await buyer.goto(`/rencontres/${slug}`);
    await expect(buyer.getByText(/Billet acheteur : 45\s€/)).toBeVisible();
    await expectAccessible(buyer);
    await buyer.getByLabel("Ce que vous cherchez ou proposez").fill("Nettoyage de nos résidences.");
    // The real action calls Stripe, which cannot be reached from here: the page says so.
    await buyer.getByRole("button", { name: /M'inscrire et payer le billet \(45\s€\)/ }).click();
    await expect(buyer.getByText("Le service de paiement n'a pas répondu. Réessayez dans quelques minutes.")).toBeVisible({ timeout: 60_000 });
    await buyer.goto(`/rencontres/${slug}`);
    await expect(buyer.getByText("En attente du paiement du billet")).toBeVisible();
    await expect(buyer.getByText(/Le paiement du billet a échoué/)).toBeVisible();
    await expect(buyer.getByRole("button", { name: /Réessayer le paiement/ })).toBeVisible();
    await expectAccessible(buyer);

    // What Checkout leaves when Stripe answers: a pending payment for a session (test-only hook).
    const seeded = await buyer.request.post(`${paidURL}/test-hooks/billet-en-attente`, { form: { event: slug } });
    expect(seeded.status()).toBe(200);
    const checkout = (await seeded.json()) as { paymentId: string; sessionId: string; amountCents: number; metadata: Record<string, string> };
    expect(checkout.amountCents).toBe(4_500);
    await buyer.reload();
    await expect(buyer.getByText(/paiement est en cours/)).toBeVisible();

    // Stripe tells us the session is paid. A tampered body is refused and changes nothing.
    const event = {
      id: `evt_e2e_${stamp}`,
      object: "event",
      type: "checkout.session.completed",
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      data: {
        object: {
          id: checkout.sessionId,
          object: "checkout.session",
          mode: "payment",
          client_reference_id: checkout.paymentId,
          payment_intent: `pi_e2e_${stamp}`,
          amount_total: checkout.amountCents,
          currency: "eur",
          payment_status: "paid",
          metadata: checkout.metadata,
        },
      },
    };
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: webhookSecret });
    const post = (body: string) => request.post(`${paidURL}/webhooks/stripe`, { data: body, headers: { "Content-Type": "application/json", "Stripe-Signature": signature } });
    const tampered = await post(payload.replace('"amount_total":4500', '"amount_total":1'));
    expect(tampered.status()).toBe(400);
    await buyer.reload();
    await expect(buyer.getByText("En attente du paiement du billet")).toBeVisible();

    const delivered = await post(payload);
    expect(delivered.status()).toBe(200);
    expect(await delivered.json()).toEqual({ received: true, outcome: "processed" });
    expect(await (await post(payload)).json()).toEqual({ received: true, outcome: "duplicate" });

    await buyer.reload();
    await expect(buyer.getByText("Inscription validée")).toBeVisible();
    await expect(buyer.getByText(/billet payé/)).toBeVisible();
    await expect(buyer.getByRole("link", { name: "Participants et demandes de rendez-vous" })).toBeVisible();
    await expectAccessible(buyer);

    // The club sees the ticket in its payments.
    await animator.goto(`/clubs/${club}/paiements`);
    // Two attempts: the one Stripe could not open, and the paid one.
    const tickets = animator.getByRole("row", { name: /Billet d'événement/ });
    await expect(tickets).toHaveCount(2);
    await expect(tickets.filter({ hasText: "échoué" })).toHaveCount(1);
    const paid = tickets.filter({ hasText: /payé/ });
    await expect(paid).toContainText("Habitat Francilien Solidaire");
    await expect(paid).toContainText(/45\s€/);
    await expectAccessible(animator);
  });
});
