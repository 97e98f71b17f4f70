import type { ContextSnippet } from '../context/snippet';
import { commentSyntaxFor } from './commentSyntax';

/**
 * Snippets from other files as comments in the language of the file being completed, each
 * introduced by its path (Continue's `// Path:`; Copilot comments the lines the same way), so a
 * model without repository-level tokens reads them as notes about other files, not as code of
 * this one. Written before the file's own header, in the order given (the best last).
 */
export function contextAsComments(snippets: readonly ContextSnippet[], languageId: string): string {
  const { start, end } = commentSyntaxFor(languageId);
  const line = (text: string) => `${start} ${text}${end}`.trimEnd() + '\n';
  return snippets
    .map((s) => line(`Path: ${s.relativePath}`) + s.text.split('\n').map(line).join(''))
    .join('');
}
