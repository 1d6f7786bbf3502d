import { describe, expect, it } from "vitest";
import { runJobsCommand } from "./jobs";

describe("npm run cli -- jobs", () => {
  it("lists the jobs with their schedules and runs one now", async () => {
    const lines: string[] = [];
    expect(await runJobsCommand([], (l) => lines.push(l))).toBe(0);
    expect(lines.find((l) => l.startsWith("followups.stale-digest"))).toContain("0 8 * * 1 (Europe/Paris)");
    lines.length = 0;
    expect(await runJobsCommand(["run", "followups.send-surveys"], (l) => lines.push(l))).toBe(0);
    expect(lines.at(-1)).toMatch(/^followups\.send-surveys : terminé en \d+ ms \(\{"sent":0,"skipped":0\}\)\.$/);
    expect(await runJobsCommand(["run", "inconnue"], (l) => lines.push(l))).toBe(2);
    expect(lines.at(-1)).toContain("Tâche inconnue : inconnue.");
  });
});
