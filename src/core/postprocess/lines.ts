/** Small line helpers shared by the post-processing stages. */

export function leadingWhitespace(line: string): string {
  return /^[ \t]*/.exec(line)?.[0] ?? '';
}

/** Indentation width in columns, a tab counting as `tabSize`. */
export function indentWidth(line: string, tabSize = 4): number {
  let columns = 0;
  for (const character of leadingWhitespace(line)) {
    columns += character === '\t' ? tabSize - (columns % tabSize) : 1;
  }
  return columns;
}

export function isBlank(line: string): boolean {
  return line.trim() === '';
}

/** A line with its whitespace runs collapsed, for comparing lines as a reader would. */
export function squash(line: string): string {
  return line.trim().replace(/\s+/g, ' ');
}

/**
 * Whether two lines say the same: equal once whitespace and a trailing `;`/`,` are ignored,
 * or, for lines of 20 characters and more, within an edit distance of 10 % (a model that
 * repeats the next line rarely repeats it exactly).
 */
export function nearlyEqual(a: string, b: string): boolean {
  const x = a.replace(/\s+/g, '').replace(/[;,]$/, '');
  const y = b.replace(/\s+/g, '').replace(/[;,]$/, '');
  if (x === y) return x !== '';
  const longest = Math.max(x.length, y.length);
  if (longest < 20) return false;
  return editDistance(x, y, Math.floor(longest / 10)) <= Math.floor(longest / 10);
}

/** Levenshtein distance, giving up (returning limit + 1) once it exceeds `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(
        (previous[j] ?? 0) + 1,
        (current[j - 1] ?? 0) + 1,
        (previous[j - 1] ?? 0) + cost,
      );
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
