import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "./env.server";

describe("environment", () => {
  it("has working defaults for the two-command demo", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({ PORT: 3000, PROXIMA_DATA_DIR: "./.data", APP_URL: "http://localhost:3000", PROXIMA_DEMO: true });
    expect(env.DATABASE_URL).toBeUndefined();
  });

  it("stops on a wrong value with a message naming the variable", () => {
    expect(() => parseEnv({ PORT: "abc" })).toThrow(EnvError);
    expect(() => parseEnv({ PORT: "abc" })).toThrow(/PORT doit être un nombre/);
    expect(() => parseEnv({ DATABASE_URL: "mysql://x" })).toThrow(/DATABASE_URL doit être une URL/);
    expect(() => parseEnv({ PROXIMA_DEMO: "peut-être" })).toThrow(/PROXIMA_DEMO doit valoir true ou false/);
    expect(() => parseEnv({ STRIPE_SECRET_KEY: "pk_live_x" })).toThrow(/STRIPE_SECRET_KEY doit commencer par sk_/);
  });

  it("requires a secret in production on a public address", () => {
    expect(() => parseEnv({ NODE_ENV: "production", APP_URL: "https://proxima.example.org" })).toThrow(/APP_SECRET est obligatoire en production/);
    expect(parseEnv({ NODE_ENV: "production", APP_URL: "http://localhost:3000" }).APP_SECRET.length).toBeGreaterThanOrEqual(32);
  });
});
