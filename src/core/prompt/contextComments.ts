import type { ContextSnippet } from '../context/snippet';
import { commentSyntaxFor } from './commentSyntax';

/** A text as line comments of a language: `// text`, `# text`, `<!-- text -->`. */
export function asComments(text: string, languageId: string): string {
  const { start, end } = commentSyntaxFor(languageId);
  return text
    .split('\n')
    .map((line) => (line === '' ? start : `${start} ${line}${end}`))
    .join('\n');
}

/**
 * Another file's snippet for a family without repository tokens: comments in the current
 * file's language, introduced by its path (Copilot's wording), ending with a newline.
 */
export function snippetAsComments(snippet: ContextSnippet, languageId: string): string {
  return (
    asComments(`Compare this snippet from ${snippet.relativePath}:\n${snippet.text}`, languageId) +
    '\n'
  );
}

/** `// Path: src/app.ts` + `// Language: typescript`: what the model knows of the current file. */
export function fileHeader(relativePath: string, languageId: string): string {
  return asComments(`Path: ${relativePath}\nLanguage: ${languageId}`, languageId) + '\n';
}
