import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import schedule from "../../../cli/commands/schedule";

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
  vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
  return { out, err };
}

function file(json: unknown): string {
  const p = path.join(mkdtempSync(path.join(tmpdir(), "schedule-")), "instance.json");
  writeFileSync(p, typeof json === "string" ? json : JSON.stringify(json));
  return p;
}

afterEach(() => vi.restoreAllMocks());

describe("cli schedule", () => {
  it("prints the schedule as JSON and exits 0", async () => {
    const io = capture();
    const input = file({ slots: [{ id: 1 }, { id: 2 }], tables: ["T1"], participants: [{ id: "a" }, { id: "b" }, { id: "c" }], requests: [{ a: "a", b: "b", priority: 1 }, { a: "a", b: "c", priority: 2 }] });
    const code = await schedule(["--input", input, "--seed", "3", "--time-limit-ms", "200"]);
    expect(code).toBe(0);
    const result = JSON.parse(io.out.join(""));
    expect(result.stats).toMatchObject({ requested: 2, scheduled: 2, solver: "greedy+ejection+sa" });
    expect(result.meetings).toHaveLength(2);
    expect(result.unscheduled).toEqual([]);
  });

  it.each([
    [["--input", "/nonexistent/x.json"], "Impossible de lire"],
    [["--seed", "1"], "--input est obligatoire"],
    [["--input", "x", "--seed", "abc"], "--seed attend un entier"],
  ])("rejects bad arguments with exit code 2 (%#)", async (argv, message) => {
    const io = capture();
    expect(await schedule(argv)).toBe(2);
    expect(io.err.join("")).toContain(message);
  });

  it.each([
    ["{pas du json", "Le fichier n'est pas un JSON valide"],
    [{ slots: [{ id: "s1" }], tables: ["T1"], participants: [{ id: "a" }], requests: [{ a: "a", b: "z", priority: 1 }] }, "participant « z » inconnu"],
  ])("explains an invalid instance in French with exit code 2 (%#)", async (json, message) => {
    const io = capture();
    expect(await schedule(["--input", file(json)])).toBe(2);
    expect(io.err.join("")).toContain(message);
    expect(io.out).toEqual([]);
  });
});
