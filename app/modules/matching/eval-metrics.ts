// Ranking metrics for the matching evaluation set (DESIGN.md, "Matching").

/** Discounted gain of a graded item at 0-based `position` (exponential gain: grade 2 counts 3×). */
function discountedGain(grade: number, position: number): number {
  return (2 ** grade - 1) / Math.log2(position + 2);
}

function dcg(grades: number[]): number {
  return grades.reduce((sum, grade, i) => sum + discountedGain(grade, i), 0);
}

/**
 * NDCG@k: DCG of the first k ranked ids divided by the DCG of the ideal ordering of all judged
 * grades. Unjudged ids count as 0. A need with no relevant item scores 0 (nothing to find).
 */
export function ndcgAt(k: number, rankedIds: readonly string[], gradesById: ReadonlyMap<string, number>): number {
  const ideal = dcg([...gradesById.values()].filter((g) => g > 0).sort((a, b) => b - a).slice(0, k));
  if (ideal === 0) return 0;
  const seen = new Set<string>();
  const gains = rankedIds.slice(0, k).map((id) => {
    // A duplicated id must not be credited twice.
    const grade = seen.has(id) ? 0 : (gradesById.get(id) ?? 0);
    seen.add(id);
    return grade;
  });
  return dcg(gains) / ideal;
}

/** Share of the relevant ids found in the first k ranked ids. 0 when nothing is relevant. */
export function recallAt(k: number, rankedIds: readonly string[], relevantIds: ReadonlySet<string>): number {
  if (relevantIds.size === 0) return 0;
  const found = new Set(rankedIds.slice(0, k).filter((id) => relevantIds.has(id)));
  return found.size / relevantIds.size;
}

export function meanOf(values: readonly number[]): number {
  return values.length === 0 ? 0 : values.reduce((a, b) => a + b, 0) / values.length;
}
