import { and, eq, ne } from "drizzle-orm";
import { randomUUID } from "node:crypto";
import { db } from "../../../db/connection";
import { sessions, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { createOrganisation } from "../organisations/organisations.server";
import { lucia } from "./lucia.server";
import { safeRedirect } from "./session.server";
import { burnPasswordCheck, hashPassword, verifyPassword } from "./passwords.server";
import { hit, isLimited, rateLimits } from "./rate-limit.server";
import { consumeEmailToken, createEmailToken } from "./tokens.server";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";
import { withRedirectTo } from "~/lib/url";

const link = (path: string) => new URL(path, env().APP_URL).toString();
const tooMany = () => new DomainError("rate_limited", "Trop de tentatives. Patientez quelques minutes avant de réessayer.");

export type SignupInput = {
  displayName: string;
  email: string;
  password: string;
  accountKind: "supplier" | "buyer" | "none";
  organisationName?: string;
  /** the in-app page the person was going to (an invitation, an event): kept through verification */
  redirectTo?: string;
  ip: string;
  now?: Date;
};

/** The verification link, carrying the page to reach after login when it is a safe in-app path. */
function verificationLink(token: string, redirectTo?: string): string {
  return link(withRedirectTo(`/verification-email?token=${token}`, safeRedirect(redirectTo, "")));
}

/**
 * Creates an unverified account and mails the verification link. When the address is already
 * registered, the owner gets a mail instead and the caller sees the same answer: no enumeration.
 */
export async function signUp(input: SignupInput): Promise<void> {
  const now = input.now ?? new Date();
  if (await hit(rateLimits.signupPerIp, input.ip, now)) throw tooMany();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    if (existing) {
      await queueMail(tx, {
        to: input.email,
        kind: "account.signup_existing",
        ...renderMail({
          subject: "Votre compte Proxima existe déjà",
          greeting: "Bonjour,",
          paragraphs: [
            "Quelqu'un (vous, sans doute) a voulu créer un compte Proxima avec cette adresse, qui a déjà un compte.",
            "Si vous avez oublié votre mot de passe, vous pouvez le réinitialiser.",
          ],
          action: { label: "Réinitialiser mon mot de passe", url: link("/mot-de-passe-oublie") },
        }),
      });
      return;
    }
    const userId = randomUUID();
    await tx.insert(users).values({ id: userId, email: input.email, passwordHash, displayName: input.displayName });
    if (input.accountKind !== "none" && input.organisationName) {
      await createOrganisation(tx, { kind: input.accountKind, name: input.organisationName, ownerId: userId });
    }
    const token = await createEmailToken(tx, { userId, kind: "verify_email", now });
    await queueMail(tx, {
      to: input.email,
      kind: "account.verify_email",
      ...renderMail({
        subject: "Confirmez votre adresse e-mail",
        greeting: `Bonjour ${input.displayName},`,
        paragraphs: ["Bienvenue sur Proxima. Confirmez votre adresse e-mail pour activer votre compte (lien valable 48 heures)."],
        action: { label: "Confirmer mon adresse", url: verificationLink(token, input.redirectTo) },
      }),
    });
  });
}

export async function verifyEmail(token: string, now = new Date()): Promise<{ userId: string } | null> {
  return db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, { token, kind: "verify_email", now });
    if (!used) return null;
    await tx.update(users).set({ emailVerifiedAt: now }).where(eq(users.id, used.userId));
    return { userId: used.userId };
  });
}

async function resendVerification(userId: string, email: string, displayName: string, now: Date) {
  await db.transaction(async (tx) => {
    const token = await createEmailToken(tx, { userId, kind: "verify_email", now });
    await queueMail(tx, {
      to: email,
      kind: "account.verify_email",
      ...renderMail({
        subject: "Confirmez votre adresse e-mail",
        greeting: `Bonjour ${displayName},`,
        paragraphs: ["Confirmez votre adresse e-mail pour activer votre compte Proxima (lien valable 48 heures)."],
        action: { label: "Confirmer mon adresse", url: link(`/verification-email?token=${token}`) },
      }),
    });
  });
}

export type LoginResult = { sessionCookie: string; userId: string };

/**
 * Checks the password under the per-IP and per-address limits, then opens a new session and
 * closes the one the browser came with (rotation: a planted session id never becomes a login).
 */
export async function logIn(input: { email: string; password: string; ip: string; previousSessionId?: string | null; now?: Date }): Promise<LoginResult> {
  const now = input.now ?? new Date();
  if ((await isLimited(rateLimits.loginPerIp, input.ip, now)) || (await isLimited(rateLimits.loginPerEmail, input.email, now))) {
    throw tooMany();
  }
  const [user] = await db.select().from(users).where(eq(users.email, input.email));
  const valid = user ? await verifyPassword(user.passwordHash, input.password) : (await burnPasswordCheck(input.password), false);
  if (!user || !valid) {
    await hit(rateLimits.loginPerIp, input.ip, now);
    await hit(rateLimits.loginPerEmail, input.email, now);
    throw new DomainError("invalid", "Adresse e-mail ou mot de passe incorrect.");
  }
  if (!user.emailVerifiedAt) {
    await resendVerification(user.id, user.email, user.displayName, now);
    throw new DomainError("forbidden", "Confirmez d'abord votre adresse e-mail : nous venons de vous renvoyer le lien.");
  }
  if (input.previousSessionId) await lucia.invalidateSession(input.previousSessionId);
  const session = await lucia.createSession(user.id, {});
  return { sessionCookie: lucia.createSessionCookie(session.id).serialize(), userId: user.id };
}

export async function logOut(sessionId: string | null): Promise<string> {
  if (sessionId) await lucia.invalidateSession(sessionId);
  return lucia.createBlankSessionCookie().serialize();
}

/** Same answer whether or not the address has an account. */
export async function requestPasswordReset(input: { email: string; ip: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  if ((await hit(rateLimits.resetPerIp, input.ip, now)) || (await hit(rateLimits.resetPerEmail, input.email, now))) throw tooMany();
  await db.transaction(async (tx) => {
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user) return;
    const token = await createEmailToken(tx, { userId: user.id, kind: "reset_password", now });
    await queueMail(tx, {
      to: user.email,
      kind: "account.reset_password",
      ...renderMail({
        subject: "Réinitialisation de votre mot de passe",
        greeting: `Bonjour ${user.displayName},`,
        paragraphs: [
          "Vous avez demandé à réinitialiser votre mot de passe Proxima. Ce lien est valable une heure et ne sert qu'une fois.",
          "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
        ],
        action: { label: "Choisir un nouveau mot de passe", url: link(`/reinitialiser-mot-de-passe?token=${token}`) },
      }),
    });
  });
}

export async function resetPassword(input: { token: string; password: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const passwordHash = await hashPassword(input.password);
  await db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, { token: input.token, kind: "reset_password", now });
    if (!used) throw new DomainError("invalid", "Ce lien n'est plus valable. Demandez-en un nouveau.");
    // A reset also proves the address: the account may be unverified if the first mail was lost.
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId));
    await tx
      .update(users)
      .set({ passwordHash, emailVerifiedAt: user?.emailVerifiedAt ?? now })
      .where(eq(users.id, used.userId));
    await tx.delete(sessions).where(eq(sessions.userId, used.userId));
  });
}

export async function changePassword(input: { userId: string; currentSessionId: string; currentPassword: string; newPassword: string }): Promise<void> {
  const [user] = await db.select().from(users).where(eq(users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.currentPassword))) {
    throw new DomainError("invalid", "Le mot de passe actuel est incorrect.", { field: "currentPassword" });
  }
  const passwordHash = await hashPassword(input.newPassword);
  await db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash }).where(eq(users.id, user.id));
    // Other devices are signed out; this one stays.
    await tx.delete(sessions).where(and(eq(sessions.userId, user.id), ne(sessions.id, input.currentSessionId)));
  });
}

/** Sends a confirmation link to the new address; the change happens when it is opened. */
export async function requestEmailChange(input: { userId: string; newEmail: string; password: string; now?: Date }): Promise<void> {
  const now = input.now ?? new Date();
  const [user] = await db.select().from(users).where(eq(users.id, input.userId));
  if (!user || !(await verifyPassword(user.passwordHash, input.password))) {
    throw new DomainError("invalid", "Le mot de passe est incorrect.", { field: "password" });
  }
  await db.transaction(async (tx) => {
    const token = await createEmailToken(tx, { userId: user.id, kind: "change_email", newEmail: input.newEmail, now });
    await queueMail(tx, {
      to: input.newEmail,
      kind: "account.change_email",
      ...renderMail({
        subject: "Confirmez votre nouvelle adresse e-mail",
        greeting: `Bonjour ${user.displayName},`,
        paragraphs: ["Confirmez cette adresse pour l'utiliser désormais sur Proxima (lien valable 24 heures)."],
        action: { label: "Confirmer ma nouvelle adresse", url: link(`/compte/confirmer-email?token=${token}`) },
      }),
    });
  });
}

export async function confirmEmailChange(token: string, now = new Date()): Promise<void> {
  await db.transaction(async (tx) => {
    const used = await consumeEmailToken(tx, { token, kind: "change_email", now });
    if (!used?.newEmail) throw new DomainError("invalid", "Ce lien n'est plus valable.");
    const [taken] = await tx.select({ id: users.id }).from(users).where(eq(users.email, used.newEmail));
    if (taken) throw new DomainError("conflict", "Cette adresse ne peut pas être utilisée pour votre compte.");
    const [user] = await tx.select().from(users).where(eq(users.id, used.userId));
    await tx.update(users).set({ email: used.newEmail, emailVerifiedAt: now }).where(eq(users.id, used.userId));
    if (user) {
      await queueMail(tx, {
        to: user.email,
        kind: "account.email_changed",
        ...renderMail({
          subject: "Votre adresse e-mail a été modifiée",
          greeting: `Bonjour ${user.displayName},`,
          paragraphs: [`L'adresse de votre compte Proxima est désormais ${used.newEmail}. Si ce n'est pas vous, contactez l'animateur de votre club.`],
        }),
      });
    }
  });
}
