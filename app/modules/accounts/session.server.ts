import { redirect } from "@remix-run/node";
import { db } from "../../../db/connection";
import { membershipsOf } from "../organisations/organisations.server";
import { lucia } from "./lucia.server";
import { withRedirectTo } from "~/lib/url";

export type Membership = Awaited<ReturnType<typeof membershipsOf>>[number];
export type SessionUser = {
  id: string;
  email: string;
  displayName: string;
  isAdmin: boolean;
  sessionId: string;
  memberships: Membership[];
  /**
   * Set when lucia has just extended the session (past half its life): the cookie must be sent
   * again with the new expiry, or the browser drops it 30 days after login while the session lives on.
   */
  renewedCookie: string | null;
};

const cache = new WeakMap<Request, Promise<SessionUser | null>>();

/** The signed-in user of this request (memoised per request), or null. */
export function getSessionUser(request: Request): Promise<SessionUser | null> {
  let pending = cache.get(request);
  if (!pending) {
    pending = loadSessionUser(request);
    cache.set(request, pending);
  }
  return pending;
}

export function sessionIdFrom(request: Request): string | null {
  return lucia.readSessionCookie(request.headers.get("Cookie") ?? "");
}

async function loadSessionUser(request: Request): Promise<SessionUser | null> {
  const sessionId = sessionIdFrom(request);
  if (!sessionId) return null;
  const { session, user } = await lucia.validateSession(sessionId);
  if (!session || !user) return null;
  return {
    id: user.id,
    email: user.email,
    displayName: user.displayName,
    isAdmin: user.isAdmin,
    sessionId: session.id,
    memberships: await membershipsOf(user.id, db),
    renewedCookie: session.fresh ? lucia.createSessionCookie(session.id).serialize() : null,
  };
}

export function loginRedirect(request: Request): Response {
  const url = new URL(request.url);
  const redirectTo = `${url.pathname}${url.search}`;
  return redirect(withRedirectTo("/connexion", redirectTo));
}

/** A safe in-app path from a user-supplied redirect (never another site). */
export function safeRedirect(to: FormDataEntryValue | string | null | undefined, fallback = "/tableau-de-bord"): string {
  if (typeof to !== "string" || !to.startsWith("/") || to.startsWith("//") || to.startsWith("/\\")) return fallback;
  return to;
}
