/**
 * The app's route manifest as seen by tests: every module under app/routes (the same files the
 * flat-routes convention turns into routes), with the URL each one answers.
 */
export type RouteModule = {
  policy?: { kind: string; param?: string };
  actionPolicy?: { kind: string; param?: string };
  loader?: (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
  action?: (args: { request: Request; params: Record<string, string>; context: unknown }) => Promise<unknown>;
};

export const routeModules = import.meta.glob<RouteModule>("../app/routes/**/*.{ts,tsx}", { eager: false });

/** "clubs.$clubSlug.paiements[.csv]" → { path: "/clubs/:clubSlug/paiements.csv", params: ["clubSlug"] } */
export function routeFileToPath(file: string): { id: string; path: string; params: string[] } {
  const id = file.replace(/^.*app\/routes\//, "").replace(/\/route\.tsx?$/, "").replace(/\.tsx?$/, "");
  const segments: string[] = [];
  const params: string[] = [];
  // split on dots that are not inside [brackets]
  const parts = id.match(/(\[[^\]]*\]|[^.[\]]+)+/g) ?? [];
  for (const raw of parts) {
    const part = raw.replace(/\[([^\]]*)\]/g, "$1");
    if (part === "_index" || part.startsWith("_")) continue;
    const clean = part.endsWith("_") ? part.slice(0, -1) : part;
    if (clean === "$") {
      segments.push("*");
      params.push("*");
    } else if (clean.startsWith("$")) {
      segments.push(`:${clean.slice(1)}`);
      params.push(clean.slice(1));
    } else segments.push(clean);
  }
  return { id, path: `/${segments.join("/")}`, params };
}
