import { DrizzlePostgreSQLAdapter } from "@lucia-auth/adapter-drizzle";
import { Lucia, TimeSpan } from "lucia";
import { db } from "../../../db/connection";
import { sessions, users } from "../../../db/schema";
import { env, isLocalUrl } from "~/env.server";

const adapter = new DrizzlePostgreSQLAdapter(db as never, sessions, users);

/** Secure in production; the local demo on http://localhost is the one exception. */
export function cookieSecure(): boolean {
  const config = env();
  return config.NODE_ENV === "production" && !isLocalUrl(config.APP_URL);
}

export const lucia = new Lucia(adapter, {
  sessionExpiresIn: new TimeSpan(30, "d"),
  sessionCookie: {
    name: "proxima_session",
    expires: true,
    attributes: { secure: cookieSecure(), sameSite: "lax", path: "/" },
  },
  getUserAttributes: (row) => ({ email: row.email, displayName: row.displayName, isAdmin: row.isAdmin, emailVerifiedAt: row.emailVerifiedAt }),
});

declare module "lucia" {
  interface Register {
    Lucia: typeof lucia;
    DatabaseUserAttributes: { email: string; displayName: string; isAdmin: boolean; emailVerifiedAt: Date | null };
  }
}
