import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], { message: "doit valoir true ou false" })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const optionalUrl = (protocols: string[]) =>
  z
    .string()
    .optional()
    .transform((v) => (v === "" ? undefined : v))
    .refine((v) => v === undefined || protocols.some((p) => v.startsWith(p)), {
      message: `doit être une URL (${protocols.join(", ")})`,
    });

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"], { message: "doit valoir development, production ou test" }).default("development"),
    PORT: z.coerce.number({ message: "doit être un nombre" }).int("doit être un nombre entier").min(1).max(65535).default(3000),
    HOST: z.string().min(1).default("0.0.0.0"),
    APP_URL: optionalUrl(["http://", "https://"]),
    DATABASE_URL: optionalUrl(["postgres://", "postgresql://"]),
    PROXIMA_DATA_DIR: z.string().min(1).default("./.data"),
    APP_SECRET: z.string().min(32, "doit comporter au moins 32 caractères").optional(),
    SMTP_URL: optionalUrl(["smtp://", "smtps://"]),
    MAIL_FROM: z.string().min(3).default("Proxima <ne-pas-repondre@proxima.localhost>"),
    MEILISEARCH_URL: optionalUrl(["http://", "https://"]),
    MEILISEARCH_KEY: z.string().optional(),
    STRIPE_SECRET_KEY: z.string().startsWith("sk_", "doit commencer par sk_").optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith("whsec_", "doit commencer par whsec_").optional(),
    TRUST_PROXY: booleanFlag.default(false),
    PROXIMA_DEMO: booleanFlag.default(true),
    PROXIMA_WORKER: booleanFlag.default(true),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && env.APP_URL && !isLocalUrl(env.APP_URL) && !env.APP_SECRET) {
      ctx.addIssue({ code: "custom", path: ["APP_SECRET"], message: "est obligatoire en production" });
    }
  });

export function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]";
}

export type Env = z.infer<typeof EnvSchema> & { APP_URL: string; APP_SECRET: string };

export class EnvError extends Error {}

/** Parses the environment; a wrong value throws an EnvError naming the variable. */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = EnvSchema.safeParse(source);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${String(i.path[0] ?? "?")} ${i.message} (valeur reçue : ${JSON.stringify(source[String(i.path[0])] ?? "")})`);
    throw new EnvError(`Configuration invalide :\n${lines.join("\n")}`);
  }
  const env = result.data;
  return {
    ...env,
    APP_URL: env.APP_URL ?? `http://localhost:${env.PORT}`,
    // A development default keeps `npm start` at two commands; production must set its own.
    APP_SECRET: env.APP_SECRET ?? "proxima-development-secret-change-me-in-production",
  };
}

let cached: Env | undefined;
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
