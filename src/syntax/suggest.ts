/**
 * "Did you mean" suggestions by edit distance.
 * @module
 */

/**
 * Damerau-Levenshtein distance (optimal string alignment) where a change of case alone counts
 * as one edit.
 */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  const al = a.toLowerCase();
  const bl = b.toLowerCase();
  if (al === bl) return 1;
  const n = al.length;
  const m = bl.length;
  let prev2: number[] = new Array<number>(m + 1).fill(0);
  let prev: number[] = Array.from({ length: m + 1 }, (_, j) => j);
  for (let i = 1; i <= n; i++) {
    const cur: number[] = [i];
    for (let j = 1; j <= m; j++) {
      const cost = al[i - 1] === bl[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && al[i - 1] === bl[j - 2] && al[i - 2] === bl[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[m]!;
}

/**
 * The candidates close enough to `input` to suggest, closest first. A candidate is close when its
 * distance is at most 40 % of the input's length plus one.
 */
export function suggestionList(input: string, candidates: readonly string[]): string[] {
  const threshold = Math.floor(input.length * 0.4) + 1;
  return candidates
    .map((c) => ({ c, d: editDistance(input, c) }))
    .filter(({ d }) => d <= threshold && d > 0)
    .sort((x, y) => x.d - y.d || x.c.localeCompare(y.c))
    .map(({ c }) => c);
}

/**
 * The one suggestion closer than every other (what a fix may safely write), or undefined when
 * there is none or two tie.
 */
export function closestSuggestion(input: string, candidates: readonly string[]): string | undefined {
  const ranked = suggestionList(input, candidates);
  if (ranked.length === 0) return undefined;
  if (ranked.length === 1) return ranked[0];
  return editDistance(input, ranked[0]!) < editDistance(input, ranked[1]!) ? ranked[0] : undefined;
}

/** "Did you mean 'x'?" / "Did you mean 'x' or 'y'?" text, or "" with no suggestions. */
export function didYouMean(suggestions: readonly string[]): string {
  if (suggestions.length === 0) return "";
  const quoted = suggestions.slice(0, 5).map((s) => `'${s}'`);
  const last = quoted.pop()!;
  return quoted.length ? ` Did you mean ${quoted.join(", ")} or ${last}?` : ` Did you mean ${last}?`;
}
