/**
 * CSRF defence in depth (cookies are already SameSite=Lax): a state-changing request whose
 * Origin is another site is refused. Browsers send Origin on every cross-site POST; when it is
 * missing we fall back on Sec-Fetch-Site. Requests without either come from non-browser
 * clients, which cannot carry a victim's cookies.
 */
const safeMethods = new Set(["GET", "HEAD", "OPTIONS"]);

/** Paths called by other servers, authenticated by their own signature. */
export const originCheckExemptPaths = ["/webhooks/stripe"];

export function isCrossSiteMutation(input: { method: string; path: string; origin: string | null; secFetchSite: string | null; allowedOrigins: string[] }): boolean {
  if (safeMethods.has(input.method.toUpperCase())) return false;
  if (originCheckExemptPaths.some((p) => input.path === p || input.path.startsWith(`${p}/`))) return false;
  if (input.origin) {
    if (input.origin === "null") return true;
    return !input.allowedOrigins.includes(input.origin.toLowerCase());
  }
  return input.secFetchSite === "cross-site";
}

/** The origins this server answers as: the configured APP_URL and the Host the request came to. */
export function allowedOrigins(appUrl: string, host: string | undefined, protocol: string): string[] {
  const origins = [new URL(appUrl).origin.toLowerCase()];
  if (host) origins.push(`${protocol}://${host}`.toLowerCase());
  return origins;
}
