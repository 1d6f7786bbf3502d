import { createRequestHandler } from "@remix-run/express";
import type { ServerBuild } from "@remix-run/node";
import compression from "compression";
import express from "express";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { EnvError, env } from "../app/env.server";
import { allowedOrigins, isCrossSiteMutation } from "../app/lib/origin-check";

const startedAt = Date.now();

function readEnv() {
  try {
    return env();
  } catch (error) {
    if (error instanceof EnvError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
}

const config = readEnv();
// Imported after the environment is validated: opening the database reads it.
const { prepareDatabase, closeDatabase } = await import("./boot");
const { startWorker } = await import("../app/modules/notifications/worker.server");
const { warmSearchEngine } = await import("../search");

await prepareDatabase();
const worker = config.PROXIMA_WORKER ? await startWorker() : null;

const buildPath = path.resolve("build/server/index.js");
const build = (await import(pathToFileURL(buildPath).href)) as ServerBuild;

const app = express();
app.disable("x-powered-by");
if (config.TRUST_PROXY) app.set("trust proxy", true);
app.use(compression());

app.use((req, res, next) => {
  res.setHeader("X-Content-Type-Options", "nosniff");
  res.setHeader("Referrer-Policy", "strict-origin-when-cross-origin");
  res.setHeader("X-Frame-Options", "DENY");
  const refused = isCrossSiteMutation({
    method: req.method,
    path: req.path,
    origin: req.get("origin") ?? null,
    secFetchSite: req.get("sec-fetch-site") ?? null,
    allowedOrigins: allowedOrigins(config.APP_URL, req.get("host"), req.protocol),
  });
  if (refused) {
    res.status(403).type("text/plain; charset=utf-8").send("Requête refusée : elle provient d'un autre site.");
    return;
  }
  next();
});

// Fingerprinted assets never change; the rest of public/ may.
app.use("/assets", express.static("build/client/assets", { immutable: true, maxAge: "1y" }));
app.use(express.static("build/client", { maxAge: "1h" }));

app.all(
  "*",
  createRequestHandler({
    build,
    mode: config.NODE_ENV,
    getLoadContext: (req) => ({ clientIp: req.ip ?? req.socket.remoteAddress ?? "unknown" }),
  }),
);

const server = app.listen(config.PORT, config.HOST, () => {
  console.log(`Proxima est prête sur ${config.APP_URL} (démarrage en ${((Date.now() - startedAt) / 1000).toFixed(1)} s).`);
  // The directory's index is loaded in the background: pages answer meanwhile, a search waits for it.
  warmSearchEngine().then(
    (ms) => console.log(`Annuaire chargé en mémoire (${ms} ms).`),
    (error: unknown) => console.error(`Annuaire non préchargé : ${(error as Error).message}`),
  );
});

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  console.log(`${signal} reçu : arrêt propre…`);
  server.close();
  server.closeIdleConnections();
  await worker?.stop();
  await closeDatabase();
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown("SIGTERM"));
process.on("SIGINT", () => void shutdown("SIGINT"));
