import type { ContextSnippet } from './snippet';

/**
 * Characters a snippet takes in the prompt beyond its text: the line introducing its path
 * (`// Path: ` or a family's file separator) and line breaks. An estimate, so the budget holds
 * whichever format the prompt writes it in.
 */
const framingChars = 16;

/** What a snippet costs of the context budget, in characters. */
export function snippetCost(snippet: ContextSnippet): number {
  return snippet.relativePath.length + snippet.text.length + framingChars;
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
  const room = maxChars - snippetCost({ ...snippet, text: '' });
  const end = snippet.text.lastIndexOf('\n', room);
  if (end <= 0) return undefined;
  const text = snippet.text.slice(0, end);
  const keptLines = text.split('\n').length;
  return keptLines * 2 >= snippet.text.split('\n').length ? { ...snippet, text } : undefined;
}
