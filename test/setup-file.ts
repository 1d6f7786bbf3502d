import { afterAll } from "vitest";

/** Closes this test file's database, if the file opened one (db/connection registers it). */
afterAll(async () => {
  const close = (globalThis as { __proximaTestClose?: () => Promise<void> }).__proximaTestClose;
  if (close) await close();
});
