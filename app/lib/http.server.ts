import { createCookieSessionStorage, data, redirect } from "@remix-run/node";
import { env } from "~/env.server";
import { DomainError } from "~/lib/errors";

export type AppLoadContext = { clientIp?: string };

export function clientIp(context: unknown): string {
  return (context as AppLoadContext | undefined)?.clientIp ?? "unknown";
}

export type Flash = { type: "success" | "error" | "info"; message: string };

const flashStorage = createCookieSessionStorage({
  cookie: {
    name: "proxima_flash",
    httpOnly: true,
    sameSite: "lax",
    path: "/",
    secrets: [env().APP_SECRET],
    secure: env().NODE_ENV === "production" && env().APP_URL.startsWith("https://"),
  },
});

/** A redirect that shows a one-time message on the next page (works without JavaScript). */
export async function redirectWithFlash(to: string, flash: Flash, init: ResponseInit = {}): Promise<Response> {
  const session = await flashStorage.getSession();
  session.flash("flash", flash);
  const headers = new Headers(init.headers);
  headers.append("Set-Cookie", await flashStorage.commitSession(session));
  return redirect(to, { ...init, headers });
}

export async function readFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const session = await flashStorage.getSession(request.headers.get("Cookie"));
  const flash = (session.get("flash") as Flash | undefined) ?? null;
  return { flash, setCookie: flash ? await flashStorage.commitSession(session) : null };
}

/** Turns a service's DomainError into a 4xx carrying its French message; rethrows anything else. */
export function domainErrorResponse(error: unknown) {
  if (error instanceof DomainError) {
    return data({ formError: error.message, field: (error.details?.field as string | undefined) ?? null }, { status: error.status });
  }
  throw error;
}
