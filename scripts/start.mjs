// `npm start`: build the app when its sources changed since the last build, then serve it.
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";

process.env.NODE_ENV ??= "production";

const inputs = ["app", "public", "db/schema", "vite.config.ts", "package-lock.json"];
const stampFile = "build/.source-stamp";

function* files(entry) {
  if (!existsSync(entry)) return;
  const stat = statSync(entry);
  if (!stat.isDirectory()) {
    yield `${entry}:${stat.size}:${stat.mtimeMs}`;
    return;
  }
  for (const name of readdirSync(entry).sort()) yield* files(path.join(entry, name));
}

function sourceStamp() {
  const hash = createHash("sha256");
  for (const input of inputs) for (const line of files(input)) hash.update(line + "\n");
  return hash.digest("hex");
}

const stamp = sourceStamp();
const built = existsSync("build/server/index.js") && existsSync(stampFile) && readFileSync(stampFile, "utf8") === stamp;
if (!built) {
  console.log("Construction de l'application (première fois ou sources modifiées)…");
  const started = Date.now();
  const result = spawnSync(process.execPath, ["node_modules/@remix-run/dev/dist/cli.js", "vite:build"], { stdio: ["ignore", "ignore", "inherit"] });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stampFile, stamp);
  console.log(`Application construite en ${((Date.now() - started) / 1000).toFixed(1)} s.`);
}

const { register } = await import("tsx/esm/api");
register();
await import("../server/index.ts");
