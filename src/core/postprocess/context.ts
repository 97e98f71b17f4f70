import { completionMode, type CompletionMode } from '../completionMode';
import { languageRules, type LanguageRules } from './language';
import { isBlank, leadingWhitespace } from './lines';

/** The editor's indentation settings, when the adapter knows them. */
export interface EditorIndentation {
  /** Indent with spaces (true) or tabs (false). */
  readonly insertSpaces?: boolean;
  /** Columns per tab, and per indentation level when indenting with spaces. */
  readonly tabSize?: number;
}

/** What post-processing reads about the place a completion is for. */
export interface PostprocessContext extends EditorIndentation {
  readonly prefix: string;
  readonly suffix: string;
  readonly languageId: string;
}

/** Lines after the cursor the duplicate checks look at. */
const nextLinesRead = 12;

/** The cursor's surroundings, computed once per context. */
export interface Site {
  readonly context: PostprocessContext;
  readonly language: LanguageRules;
  readonly mode: CompletionMode;
  /** The cursor's line before and after the cursor. */
  readonly lineBefore: string;
  readonly restOfLine: string;
  /** The leading whitespace of the cursor's line. */
  readonly lineIndent: string;
  /** The nearest non-blank line above the cursor's line, or ''. */
  readonly lineAbove: string;
  /** The non-blank lines after the cursor's line, nearest first (a few). */
  readonly nextLines: readonly string[];
}

export function siteOf(context: PostprocessContext): Site {
  const { prefix, suffix } = context;
  const lineStart = prefix.lastIndexOf('\n') + 1;
  const lineBefore = prefix.slice(lineStart);
  const newline = suffix.indexOf('\n');
  const restOfLine = newline === -1 ? suffix : suffix.slice(0, newline);
  return {
    context,
    language: languageRules(context.languageId),
    mode: completionMode(prefix, suffix, context.languageId),
    lineBefore,
    restOfLine,
    lineIndent: leadingWhitespace(lineBefore + restOfLine),
    lineAbove: lineAbove(prefix, lineStart),
    nextLines: newline === -1 ? [] : nonBlankLines(suffix, newline + 1),
  };
}

function lineAbove(prefix: string, lineStart: number): string {
  let end = lineStart - 1;
  while (end > 0) {
    const start = prefix.lastIndexOf('\n', end - 1) + 1;
    const line = prefix.slice(start, end);
    if (!isBlank(line)) return line;
    end = start - 1;
  }
  return '';
}

function nonBlankLines(text: string, from: number): string[] {
  const lines: string[] = [];
  let start = from;
  while (start <= text.length && lines.length < nextLinesRead) {
    const end = text.indexOf('\n', start);
    const line = text.slice(start, end === -1 ? undefined : end);
    if (!isBlank(line)) lines.push(line);
    if (end === -1) break;
    start = end + 1;
  }
  return lines;
}
