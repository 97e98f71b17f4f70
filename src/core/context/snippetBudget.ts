import type { ContextSnippet } from './snippet';

/**
 * Characters a snippet takes in the prompt beyond its text and path: the line introducing it
 * (`// Compare this snippet from …:`, or a family's file separator), and per line a comment
 * marker and space where the snippet is written as comments (src/core/prompt/contextComments.ts).
 * An upper estimate for either way of writing it, so what the retrieval picks fits.
 */
const framingChars = 32;
const perLineChars = 3;

/** What a snippet costs of the context budget, in characters. */
export function snippetCost(snippet: ContextSnippet): number {
  let lines = 1;
  for (let at = snippet.text.indexOf('\n'); at !== -1; at = snippet.text.indexOf('\n', at + 1)) {
    lines++;
  }
  return snippet.relativePath.length + snippet.text.length + framingChars + perLineChars * lines;
}

/**
 * The lines that tell two pieces of code apart, trimmed: lines of three characters or more
 * with a letter or digit in them. `}` and `});` are in every file and would make anything look
 * like a duplicate.
 */
export function distinctiveLines(text: string): Set<string> {
  const lines = new Set<string>();
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed.length >= 3 && /\w/.test(trimmed)) lines.add(trimmed);
  }
  return lines;
}

/**
 * Whether `lines` are (nearly) all already in `seen`: a snippet whose distinctive lines are at
 * least 90 % in the prompt window or in a snippet chosen before adds nothing. Containment rather
 * than Jaccard, so a short snippet inside a longer one counts as a copy too; for snippets of
 * similar size it is the line-set Jaccard > 0.9 rule of llama.vscode.
 */
export function mostlySeen(lines: ReadonlySet<string>, seen: ReadonlySet<string>): boolean {
  if (lines.size === 0) return true;
  let found = 0;
  for (const line of lines) if (seen.has(line)) found++;
  return found >= 0.9 * lines.size;
}

/**
 * Takes up to `maxCount` candidates in priority order while they fit in `maxChars`, leaving out near-copies of
 * the prompt window and of each other. A candidate too long for what is left is cut at a line
 * end if at least half of it fits (the window's start, where the best match usually begins,
 * stays); otherwise the next, smaller one may still fit.
 */
export function fitToBudget(
  candidates: Iterable<ContextSnippet>,
  promptWindow: string,
  maxChars: number,
  maxCount = Infinity,
): ContextSnippet[] {
  const seen = distinctiveLines(promptWindow);
  const chosen: ContextSnippet[] = [];
  let left = maxChars;
  for (const candidate of candidates) {
    if (chosen.length >= maxCount) break;
    const snippet = cutToFit(candidate, left);
    if (!snippet) continue;
    const lines = distinctiveLines(snippet.text);
    if (mostlySeen(lines, seen)) continue;
    for (const line of lines) seen.add(line);
    chosen.push(snippet);
    left -= snippetCost(snippet);
  }
  return chosen;
}

function cutToFit(snippet: ContextSnippet, maxChars: number): ContextSnippet | undefined {
  if (snippetCost(snippet) <= maxChars) return snippet;
  const lines = snippet.text.split('\n');
  let kept = lines.length;
  let text = snippet.text;
  while (kept > 0 && snippetCost({ ...snippet, text }) > maxChars) {
    kept--;
    text = lines.slice(0, kept).join('\n');
  }
  return kept > 0 && kept * 2 >= lines.length ? { ...snippet, text } : undefined;
}
