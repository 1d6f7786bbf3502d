import { describe, expect, it } from "vitest";
import { e2eHooksEnabled } from "./e2e-hooks.server";

describe("e2e hooks", () => {
  it("are on only with the flag and a Stripe test key", () => {
    expect(e2eHooksEnabled({ PROXIMA_E2E_HOOKS: "1", STRIPE_SECRET_KEY: "sk_test_dummy" })).toBe(true);
    expect(e2eHooksEnabled({ PROXIMA_E2E_HOOKS: "1", STRIPE_SECRET_KEY: "sk_live_real" })).toBe(false);
    expect(e2eHooksEnabled({ PROXIMA_E2E_HOOKS: "1" })).toBe(false);
    expect(e2eHooksEnabled({ STRIPE_SECRET_KEY: "sk_test_dummy" })).toBe(false);
    expect(e2eHooksEnabled({})).toBe(false);
  });
});
