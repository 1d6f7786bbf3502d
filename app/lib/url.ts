/** Query-string helpers for pages whose whole state lives in the URL (shareable, back button). */

/** A link to an account page (login, sign-up, verification) that carries where to go afterwards. */
export function withRedirectTo(path: string, redirectTo: string | null | undefined): string {
  if (!redirectTo) return path;
  return `${path}${path.includes("?") ? "&" : "?"}redirectTo=${encodeURIComponent(redirectTo)}`;
}

export function withParam(params: URLSearchParams, key: string, value: string | null): string {
  const next = new URLSearchParams(params);
  next.delete("page");
  if (value === null || value === "") next.delete(key);
  else next.set(key, value);
  return `?${next.toString()}`;
}

/** Adds the value to a repeatable parameter, or removes it when already there. */
export function toggleParam(params: URLSearchParams, key: string, value: string): string {
  const next = new URLSearchParams(params);
  next.delete("page");
  const values = next.getAll(key);
  next.delete(key);
  const kept = values.includes(value) ? values.filter((v) => v !== value) : [...values, value];
  for (const v of kept) next.append(key, v);
  return `?${next.toString()}`;
}

export function pageHref(params: URLSearchParams, page: number): string {
  const next = new URLSearchParams(params);
  if (page <= 1) next.delete("page");
  else next.set("page", String(page));
  return `?${next.toString()}`;
}
