import { desc, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { db } from "../../../db/connection";
import { emailTokens, mails, memberships, organisations, sessions, users } from "../../../db/schema";
import { createUser } from "../../../db/seed/factories";
import {
  changePassword,
  confirmEmailChange,
  logIn,
  requestEmailChange,
  requestPasswordReset,
  resetPassword,
  signUp,
  verifyEmail,
} from "./accounts.server";
import { lucia } from "./lucia.server";
import { loader as rootLoader } from "~/root";
import { loader as verificationLoader } from "~/routes/verification-email";
import { DomainError } from "~/lib/errors";

async function lastMailTo(email: string) {
  const [mail] = await db.select().from(mails).where(eq(mails.to, email)).orderBy(desc(mails.id)).limit(1);
  return mail;
}

function tokenFrom(text: string, path: string): string {
  const match = text.match(new RegExp(`${path}\\?token=([A-Za-z0-9_-]+)`));
  if (!match) throw new Error(`no ${path} link in mail`);
  return match[1]!;
}

let ipCounter = 0;
const freshIp = () => `10.0.0.${++ipCounter}`;

describe("sign-up and e-mail verification", () => {
  it("creates an unverified user, its organisation, and mails a single-use link", async () => {
    await signUp({ displayName: "Awa Diallo", email: "awa@example.org", password: "un-mot-de-passe-long", accountKind: "supplier", organisationName: "Awa Couture", ip: freshIp() });
    const [user] = await db.select().from(users).where(eq(users.email, "awa@example.org"));
    expect(user?.emailVerifiedAt).toBeNull();
    expect(user?.passwordHash).toMatch(/^\$argon2id\$/);
    const [org] = await db.select().from(organisations).innerJoin(memberships, eq(memberships.organisationId, organisations.id)).where(eq(memberships.userId, user!.id));
    expect(org?.organisations.kind).toBe("supplier");
    expect(org?.memberships.role).toBe("owner");

    const mail = await lastMailTo("awa@example.org");
    const token = tokenFrom(mail!.text, "/verification-email");
    expect(await verifyEmail(token)).toEqual({ userId: user!.id });
    expect(await verifyEmail(token)).toBeNull();
    const [verified] = await db.select().from(users).where(eq(users.id, user!.id));
    expect(verified?.emailVerifiedAt).toBeInstanceOf(Date);
  });

  it("keeps the page the person was going to through verification, if it is an in-app page", async () => {
    await signUp({ displayName: "Inès", email: "ines@example.org", password: "un-mot-de-passe-long", accountKind: "none", redirectTo: "/invitations/abc", ip: freshIp() });
    const text = (await lastMailTo("ines@example.org"))!.text;
    expect(text).toContain(`redirectTo=${encodeURIComponent("/invitations/abc")}`);
    const token = tokenFrom(text, "/verification-email");
    const page = await verificationLoader({ request: new Request(`http://localhost/verification-email?token=${token}&redirectTo=%2Finvitations%2Fabc`), params: {}, context: {} });
    expect(page).toEqual({ verified: true, login: "/connexion?redirectTo=%2Finvitations%2Fabc" });

    await signUp({ displayName: "Eve", email: "eve@example.org", password: "un-mot-de-passe-long", accountKind: "none", redirectTo: "https://evil.example/x", ip: freshIp() });
    expect((await lastMailTo("eve@example.org"))!.text).not.toContain("redirectTo");
    const other = await verificationLoader({ request: new Request("http://localhost/verification-email?token=x&redirectTo=%2F%2Fevil.example"), params: {}, context: {} });
    expect(other).toEqual({ verified: false, login: "/connexion" });
  });

  it("answers the same for an existing address and mails its owner instead", async () => {
    await createUser(db, { email: "deja@example.org" });
    await expect(signUp({ displayName: "X", email: "deja@example.org", password: "un-mot-de-passe-long", accountKind: "none", ip: freshIp() })).resolves.toBeUndefined();
    const created = await db.select().from(users).where(eq(users.email, "deja@example.org"));
    expect(created).toHaveLength(1);
    expect((await lastMailTo("deja@example.org"))?.kind).toBe("account.signup_existing");
  });

  it("refuses an expired verification link", async () => {
    const now = new Date("2026-01-01T00:00:00Z");
    await signUp({ displayName: "Léo", email: "leo@example.org", password: "un-mot-de-passe-long", accountKind: "none", ip: freshIp(), now });
    const token = tokenFrom((await lastMailTo("leo@example.org"))!.text, "/verification-email");
    expect(await verifyEmail(token, new Date("2026-01-04T00:00:00Z"))).toBeNull();
  });
});

describe("login", () => {
  it("opens a session and closes the one the browser came with", async () => {
    const user = await createUser(db, { email: "login@example.org", password: "mot-de-passe-login" });
    const old = await lucia.createSession(user.id, {});
    const result = await logIn({ email: "login@example.org", password: "mot-de-passe-login", ip: freshIp(), previousSessionId: old.id });
    expect(result.sessionCookie).toMatch(/^proxima_session=/);
    expect(result.sessionCookie).toMatch(/HttpOnly/);
    expect(result.sessionCookie).toMatch(/SameSite=Lax/);
    const remaining = await db.select().from(sessions).where(eq(sessions.userId, user.id));
    expect(remaining.map((s) => s.id)).not.toContain(old.id);
    expect(remaining).toHaveLength(1);
  });

  it("gives the same message for an unknown address and a wrong password", async () => {
    await createUser(db, { email: "known@example.org", password: "le-bon-mot-de-passe" });
    const unknown = await logIn({ email: "nobody@example.org", password: "whatever-123", ip: freshIp() }).catch((e: DomainError) => e);
    const wrong = await logIn({ email: "known@example.org", password: "mauvais-mot-de-passe", ip: freshIp() }).catch((e: DomainError) => e);
    expect(unknown).toBeInstanceOf(DomainError);
    expect(wrong).toBeInstanceOf(DomainError);
    expect((unknown as DomainError).message).toBe((wrong as DomainError).message);
    expect((wrong as DomainError).status).toBe(400);
  });

  it("limits wrong passwords per IP with a 429", async () => {
    const ip = freshIp();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const error = await logIn({ email: `victim${i}@example.org`, password: "faux-mot-de-passe", ip }).catch((e: DomainError) => e);
      statuses.push((error as DomainError).status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true);
    expect(statuses.slice(10).every((s) => s === 429)).toBe(true);
  });

  it("limits wrong passwords per address, whatever the IP", async () => {
    await createUser(db, { email: "target@example.org", password: "le-vrai-mot-de-passe" });
    for (let i = 0; i < 5; i++) await logIn({ email: "target@example.org", password: "faux", ip: freshIp() }).catch(() => undefined);
    const error = await logIn({ email: "target@example.org", password: "le-vrai-mot-de-passe", ip: freshIp() }).catch((e: DomainError) => e);
    expect((error as DomainError).status).toBe(429);
  });

  it("refuses an unverified account and resends the link", async () => {
    await createUser(db, { email: "pasverifie@example.org", password: "mot-de-passe-ok", verified: false });
    const error = await logIn({ email: "pasverifie@example.org", password: "mot-de-passe-ok", ip: freshIp() }).catch((e: DomainError) => e);
    expect((error as DomainError).status).toBe(403);
    expect((await lastMailTo("pasverifie@example.org"))?.kind).toBe("account.verify_email");
  });
});

describe("session cookie", () => {
  const pageRequest = (cookie: string) => new Request("http://localhost/tableau-de-bord", { headers: { Cookie: cookie } });
  const setCookies = async (cookie: string) => {
    const result = (await rootLoader({ request: pageRequest(cookie), params: {}, context: {} })) as unknown as { init: ResponseInit | null };
    return new Headers(result.init?.headers).getSetCookie();
  };

  it("is sent again with a new expiry when lucia extends the session, and not on other pages", async () => {
    const user = await createUser(db, { email: "longue-session@example.org", password: "mot-de-passe-long" });
    const session = await lucia.createSession(user.id, {});
    const cookie = `proxima_session=${session.id}`;
    expect((await setCookies(cookie)).filter((c) => c.startsWith("proxima_session="))).toEqual([]);
    // Past half its life (30 days), lucia extends the session: the browser must hear of it.
    await db.update(sessions).set({ expiresAt: new Date(Date.now() + 10 * 86_400_000) }).where(eq(sessions.id, session.id));
    const renewed = (await setCookies(cookie)).filter((c) => c.startsWith("proxima_session="));
    expect(renewed).toHaveLength(1);
    expect(renewed[0]).toContain(`proxima_session=${session.id}`);
    expect(Number(/Max-Age=(\d+)/.exec(renewed[0]!)?.[1])).toBe(30 * 86_400);
    expect(renewed[0]).toMatch(/HttpOnly/);
  });
});

describe("password reset", () => {
  it("resets once with the mailed link and signs out every session", async () => {
    const user = await createUser(db, { email: "oubli@example.org", password: "ancien-mot-de-passe" });
    await lucia.createSession(user.id, {});
    await requestPasswordReset({ email: "oubli@example.org", ip: freshIp() });
    const token = tokenFrom((await lastMailTo("oubli@example.org"))!.text, "/reinitialiser-mot-de-passe");
    await resetPassword({ token, password: "nouveau-mot-de-passe" });
    expect(await db.select().from(sessions).where(eq(sessions.userId, user.id))).toHaveLength(0);
    await expect(resetPassword({ token, password: "encore-un-autre" })).rejects.toThrow(/plus valable/);
    await expect(logIn({ email: "oubli@example.org", password: "nouveau-mot-de-passe", ip: freshIp() })).resolves.toHaveProperty("userId", user.id);
  });

  it("says nothing about unknown addresses and sends no mail", async () => {
    await expect(requestPasswordReset({ email: "inconnu@example.org", ip: freshIp() })).resolves.toBeUndefined();
    expect(await lastMailTo("inconnu@example.org")).toBeUndefined();
  });

  it("expires the link after an hour", async () => {
    await createUser(db, { email: "lent@example.org" });
    const now = new Date("2026-03-01T10:00:00Z");
    await requestPasswordReset({ email: "lent@example.org", ip: freshIp(), now });
    const token = tokenFrom((await lastMailTo("lent@example.org"))!.text, "/reinitialiser-mot-de-passe");
    await expect(resetPassword({ token, password: "nouveau-mot-de-passe", now: new Date("2026-03-01T11:01:00Z") })).rejects.toThrow(DomainError);
  });
});

describe("password and e-mail change", () => {
  it("changes the password, keeps this session, closes the others", async () => {
    const user = await createUser(db, { email: "change@example.org", password: "premier-mot-de-passe" });
    const current = await lucia.createSession(user.id, {});
    const other = await lucia.createSession(user.id, {});
    await expect(changePassword({ userId: user.id, currentSessionId: current.id, currentPassword: "faux", newPassword: "second-mot-de-passe" })).rejects.toThrow(/incorrect/);
    await changePassword({ userId: user.id, currentSessionId: current.id, currentPassword: "premier-mot-de-passe", newPassword: "second-mot-de-passe" });
    const left = (await db.select().from(sessions).where(eq(sessions.userId, user.id))).map((s) => s.id);
    expect(left).toEqual([current.id]);
    expect(left).not.toContain(other.id);
  });

  it("changes the address only once the new one is confirmed", async () => {
    const user = await createUser(db, { email: "ancienne@example.org", password: "mot-de-passe-mail" });
    await requestEmailChange({ userId: user.id, newEmail: "nouvelle@example.org", password: "mot-de-passe-mail" });
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]?.email).toBe("ancienne@example.org");
    const token = tokenFrom((await lastMailTo("nouvelle@example.org"))!.text, "/compte/confirmer-email");
    await confirmEmailChange(token);
    expect((await db.select().from(users).where(eq(users.id, user.id)))[0]?.email).toBe("nouvelle@example.org");
    expect((await lastMailTo("ancienne@example.org"))?.kind).toBe("account.email_changed");
    await expect(confirmEmailChange(token)).rejects.toThrow(DomainError);
  });

  it("stores only token hashes", async () => {
    const rows = await db.select().from(emailTokens).limit(5);
    for (const row of rows) expect(row.tokenHash).toMatch(/^[0-9a-f]{64}$/);
  });
});
