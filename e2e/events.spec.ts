import { expect, test, type Browser, type Page } from "@playwright/test";
import { demo, expectAccessible, linkFromLatestMail, login } from "./support";

const club = "club-business-est-ensemble";
const stamp = Date.now();
const title = `Rencontre e2e ${stamp}`;
const eventDate = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
const password = "un-mot-de-passe-solide";
const supplier2 = { name: "Awa Diallo", email: `awa-${stamp}@example.org`, company: `Awa Traiteur ${stamp}` };
const supplier3 = { name: "Yanis Benali", email: `yanis-${stamp}@example.org`, company: `Yanis Rénovation ${stamp}` };

/** A supplier created through the sign-up form and the verification mail. */
async function signUpSupplier(browser: Browser, who: typeof supplier2) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/inscription");
  await page.getByLabel("Votre nom").fill(who.name);
  await page.getByLabel("Adresse e-mail").fill(who.email);
  await page.getByLabel("Mot de passe").fill(password);
  await page.getByLabel("Une entreprise d'un quartier prioritaire (fournisseur)").check();
  await page.getByLabel("Nom de votre entreprise").fill(who.company);
  await page.getByRole("button", { name: "Créer mon compte" }).click();
  await expect(page.getByText(/Vérifiez votre boîte mail/)).toBeVisible();
  await page.goto(await linkFromLatestMail(browser, who.email, "/verification-email?token="));
  await expect(page.getByText("Votre adresse est confirmée.")).toBeVisible();
  await context.close();
}

async function as(browser: Browser, email: string, pass?: string): Promise<Page> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await login(page, email, pass);
  return page;
}

/** Minimal iCalendar reading: unfold lines, one record per VEVENT. */
function parseIcs(text: string) {
  const lines = text.replace(/\r?\n[ \t]/g, "").split(/\r?\n/);
  const events: Record<string, string>[] = [];
  let current: Record<string, string> | null = null;
  for (const line of lines) {
    if (line === "BEGIN:VEVENT") current = {};
    else if (line === "END:VEVENT" && current) {
      events.push(current);
      current = null;
    } else if (current && line.includes(":")) {
      const i = line.indexOf(":");
      current[line.slice(0, i).split(";")[0]!] = line.slice(i + 1).replace(/\\([\\,;])/g, "$1");
    }
  }
  return events;
}

async function register(page: Page, slug: string, pitch: string) {
  await page.goto("/rencontres");
  await expectAccessible(page);
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`/rencontres/${slug}$`));
  await expectAccessible(page);
  await page.getByLabel("Ce que vous cherchez ou proposez").fill(pitch);
  await page.getByRole("button", { name: "M'inscrire" }).click();
  await expect(page.getByText("Vous êtes inscrit. Demandez maintenant vos rendez-vous.")).toBeVisible();
}

test("an event from set-up to check-in: registration, wishes, schedule, publication, .ics, re-pairing", async ({ browser }) => {
  test.setTimeout(240_000);
  await signUpSupplier(browser, supplier2);
  await signUpSupplier(browser, supplier3);

  // The animator creates the event: 4 slots of 15 minutes, 3 tables.
  const animator = await as(browser, demo.animator);
  await animator.goto(`/clubs/${club}/rencontres`);
  await expectAccessible(animator);
  await animator.getByLabel("Titre").fill(title);
  await animator.getByLabel("Lieu (adresse)").fill("Mairie de Montreuil, 1 place Jean-Jaurès");
  await animator.locator("#f-date").fill(eventDate);
  await animator.getByLabel("Matin : fin").fill("10:00");
  await animator.getByLabel("Battement entre deux rendez-vous (minutes)").fill("0");
  await animator.getByLabel("Nombre de tables").fill("3");
  await animator.getByRole("button", { name: "Créer la rencontre" }).click();
  await expect(animator.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(animator.getByText("09:45 – 10:00")).toBeVisible();
  await expectAccessible(animator);
  const slug = animator.url().split("/").pop()!;
  await animator.getByRole("button", { name: "Ouvrir les inscriptions" }).click();
  await expect(animator.getByText("Statut : Inscriptions ouvertes.")).toBeVisible();

  // A buyer and three suppliers register.
  const buyer = await as(browser, demo.buyer);
  await register(buyer, slug, "Nous cherchons du nettoyage et un traiteur.");
  const karim = await as(browser, demo.supplier);
  await register(karim, slug, "Nettoyage de bureaux.");
  const awa = await as(browser, supplier2.email, password);
  await register(awa, slug, "Traiteur pour vos événements.");
  const yanis = await as(browser, supplier3.email, password);
  await register(yanis, slug, "Petits travaux de rénovation.");

  // Wishes: the buyer asks Karim and Awa; both accept.
  await buyer.goto(`/rencontres/${slug}/participants`);
  await expectAccessible(buyer);
  await buyer.getByRole("button", { name: /Demander un rendez-vous à Karim Haddad/ }).click();
  await expect(buyer.getByText("Demande envoyée.")).toBeVisible();
  await buyer.getByRole("button", { name: new RegExp(`Demander un rendez-vous à ${supplier2.name}`) }).click();
  await expect(buyer.getByText("Demande envoyée.")).toBeVisible();
  await karim.goto(`/rencontres/${slug}/mes-rendez-vous`);
  await expectAccessible(karim);
  await karim.getByRole("button", { name: "Accepter la demande de Sophie Lefèvre" }).click();
  await expect(karim.getByText("Rendez-vous accepté.")).toBeVisible();
  await awa.goto(`/rencontres/${slug}/participants`);
  await awa.getByRole("button", { name: "Accepter" }).click();
  await expect(awa.getByText("Rendez-vous accepté.")).toBeVisible();

  // The animator runs the schedule, a bad move is refused, a good one is made, then publishes.
  const planning = `/clubs/${club}/rencontres/${slug}/planning`;
  await animator.goto(planning);
  await expectAccessible(animator);
  await animator.getByRole("button", { name: "Calculer le planning" }).click();
  await expect(animator.getByText("Planning calculé : 2 rendez-vous placés sur 2.")).toBeVisible();
  await expectAccessible(animator);
  const grid = animator.getByRole("table", { name: /Grille des rendez-vous/ });
  const rows = grid.locator("tbody tr");
  const freeRows: number[] = [];
  for (let i = 0; i < 4; i++) if ((await rows.nth(i).locator("td", { hasText: "libre" }).count()) === 3) freeRows.push(i);
  const busyRows = [0, 1, 2, 3].filter((i) => !freeRows.includes(i));
  expect(busyRows).toHaveLength(2);
  const slotText = async (i: number) => (await rows.nth(i).locator("th").innerText()).trim();
  // Move the first meeting into the slot of the second one: the buyer is busy there.
  await animator.getByLabel("Rendez-vous à déplacer").selectOption({ index: 0 });
  await animator.getByLabel("Nouveau créneau").selectOption({ label: await slotText(busyRows[1]!) });
  await animator.getByLabel("Nouvelle table").selectOption({ label: "Table 3" });
  await animator.getByRole("button", { name: "Déplacer" }).click();
  await expect(animator.getByRole("alert")).toContainText(/a déjà un rendez-vous|est déjà prise/);
  // Into an empty slot: accepted.
  await animator.getByLabel("Rendez-vous à déplacer").selectOption({ index: 0 });
  await animator.getByLabel("Nouveau créneau").selectOption({ label: await slotText(freeRows[0]!) });
  await animator.getByLabel("Nouvelle table").selectOption({ label: "Table 2" });
  await animator.getByRole("button", { name: "Déplacer" }).click();
  await expect(animator.getByText("Rendez-vous déplacé et verrouillé.")).toBeVisible();
  await expect(rows.nth(freeRows[0]!).locator("td").nth(1)).toContainText("verrouillé");
  await animator.getByRole("button", { name: "Publier le planning" }).click();
  await expect(animator.getByText(/Planning publié \(version 1\) : 4 participants prévenus/)).toBeVisible();
  const csv = await animator.request.get(`${planning}.csv`);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  expect(await csv.text()).toContain("Sophie Lefèvre");

  // The buyer sees the agenda, downloads the .ics and opens the printable agenda.
  await buyer.goto(`/rencontres/${slug}/mes-rendez-vous`);
  await expect(buyer.getByRole("table", { name: "Mes rendez-vous" }).locator("tbody tr")).toHaveCount(2);
  await expectAccessible(buyer);
  const ics = await buyer.request.get(`/rencontres/${slug}/agenda.ics`);
  expect(ics.status()).toBe(200);
  expect(ics.headers()["content-type"]).toContain("text/calendar");
  const vevents = parseIcs(await ics.text());
  expect(vevents).toHaveLength(2);
  for (const v of vevents) {
    expect(v.UID).toMatch(/^meeting-[0-9a-f-]{36}@proxima$/);
    expect(v.SEQUENCE).toBe("1");
    expect(v.SUMMARY).toMatch(/^Rendez-vous avec (Karim Haddad|Awa Diallo) \(.+\) — table \d$/);
    expect(v.LOCATION).toMatch(/^Mairie de Montreuil, 1 place Jean-Jaurès — table \d$/);
    expect(v.DTSTART).toMatch(new RegExp(`^${eventDate.replace(/-/g, "")}T0[78]\\d{4}Z$`));
  }
  await buyer.getByRole("link", { name: "Version imprimable" }).click();
  await expect(buyer.getByRole("heading", { level: 1, name: /Sophie Lefèvre/ })).toBeVisible();
  await expectAccessible(buyer);
  // Only participants get an agenda: Yanis's is empty, the animator (not registered) gets a 404.
  expect(parseIcs(await (await yanis.request.get(`/rencontres/${slug}/agenda.ics`)).text())).toHaveLength(0);
  expect((await animator.request.get(`/rencontres/${slug}/agenda.ics`)).status()).toBe(404);

  // Check-in: Karim is absent; the re-pair gives the buyer a meeting with Yanis in the freed slot.
  await animator.goto(`/clubs/${club}/rencontres/${slug}/accueil`);
  await expectAccessible(animator);
  for (const name of ["Sophie Lefèvre", supplier2.name, supplier3.name]) {
    await animator.getByRole("button", { name: `Présent : ${name}` }).click();
    await expect(animator.getByRole("button", { name: `Présent : ${name}` })).toBeDisabled();
  }
  await animator.getByLabel("Rechercher un participant").fill("Karim");
  await animator.getByRole("button", { name: "Rechercher" }).click();
  await animator.getByRole("button", { name: "Absent : Karim Haddad" }).click();
  await expect(animator.getByText("Absence notée : 1 rendez-vous libérés.")).toBeVisible();
  await animator.getByRole("button", { name: "Réapparier les présents" }).click();
  await expect(animator.getByText("Réappariement : 1 rendez-vous ajoutés dans les places libérées.")).toBeVisible();
  await expectAccessible(animator);
  await animator.goto(planning);
  await expect(grid).toContainText(supplier3.name);
  await expect(grid).not.toContainText("Karim Haddad");

  await animator.goto(`/clubs/${club}/rencontres/${slug}/imprimer`);
  await expect(animator.getByRole("heading", { name: /Sophie Lefèvre/ })).toBeVisible();
  await expectAccessible(animator);
});
