// Shared evaluation harness: the offline runner and the DB-backed `npm run eval:matching`
// both rank suppliers for each judged need and are measured the same way.
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { meanOf, ndcgAt, recallAt } from "../../app/modules/matching/eval-metrics";

export type EvalPerimeter =
  | { kind: "departments"; departments: string[] }
  | { kind: "national" };

export type EvalNeed = {
  id: string;
  title: string;
  description: string;
  categories: string[];
  commune_insee: string;
  radius_km?: number;
  perimeter?: EvalPerimeter;
  requirements: { labels: string[] };
  relevant: { siret: string; grade: 1 | 2 }[];
  judged_by: string;
};

export type NeedResult = {
  id: string;
  ndcg10: number;
  recall20: number;
  relevantCount: number;
  retrievedCount: number;
};

export type EvalReport = {
  needs: number;
  judgedPairs: number;
  meanNdcg10: number;
  meanRecall20: number;
  perNeed: NeedResult[];
};

export const NEEDS_PATH = fileURLToPath(new URL("./needs.json", import.meta.url));

export function loadNeeds(path = NEEDS_PATH): EvalNeed[] {
  return JSON.parse(readFileSync(path, "utf8")) as EvalNeed[];
}

export function gradesOf(need: EvalNeed): Map<string, number> {
  return new Map(need.relevant.map((r) => [r.siret, r.grade]));
}

/** Ranks every need with `rank` (best first, supplier ids = SIRET) and averages the metrics. */
export async function evaluate(
  needs: EvalNeed[],
  rank: (need: EvalNeed) => Promise<string[]>,
): Promise<EvalReport> {
  const perNeed: NeedResult[] = [];
  for (const need of needs) {
    const ranked = await rank(need);
    const grades = gradesOf(need);
    perNeed.push({
      id: need.id,
      ndcg10: ndcgAt(10, ranked, grades),
      recall20: recallAt(20, ranked, new Set(grades.keys())),
      relevantCount: grades.size,
      retrievedCount: ranked.length,
    });
  }
  return {
    needs: needs.length,
    judgedPairs: needs.reduce((sum, n) => sum + n.relevant.length, 0),
    meanNdcg10: meanOf(perNeed.map((r) => r.ndcg10)),
    meanRecall20: meanOf(perNeed.map((r) => r.recall20)),
    perNeed,
  };
}

export function formatReport(report: EvalReport): string {
  const lines = report.perNeed.map(
    (r) =>
      `${r.id.padEnd(36)} NDCG@10 ${r.ndcg10.toFixed(3)}  recall@20 ${r.recall20.toFixed(3)}  ` +
      `(${r.relevantCount} relevant, ${r.retrievedCount} ranked)`,
  );
  lines.push(
    `\n${report.needs} needs, ${report.judgedPairs} judged pairs — ` +
      `mean NDCG@10 ${report.meanNdcg10.toFixed(3)}, mean recall@20 ${report.meanRecall20.toFixed(3)}`,
  );
  return lines.join("\n");
}
