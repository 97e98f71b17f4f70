import type { PostprocessContext, Site } from './context';
import { siteOf } from './context';
import { dropExistingClosers, repeatsNeighbour, suffixRepeatCut } from './duplicates';
import { extentEnd } from './extent';
import { dropRestatedStart, gluedOnWord } from './glued';
import { closingFenceAt, contentStart, specialTokenAt } from './junk';
import { isBlank } from './lines';
import { present, type Presentation } from './present';
import { repetitionCut } from './repetition';
import { editorIndentation, joinAtCursor } from './whitespace';

/**
 * Where the completion is settled to end in the raw streamed `text`, or undefined while more
 * text could still belong to it. The earliest of: a special token, a closing fence, the end the
 * multi-line policy gives for the cursor's mode, a repetition loop, and the point where the
 * text starts repeating the lines after the cursor. The collector stops reading (and the
 * request is aborted) as soon as this is defined; it only grows with the text, so a decision
 * taken on part of the stream stands.
 */
export function completionEnd(text: string, site: Site, final = false): number | undefined {
  const token = specialTokenAt(text, tokenSearchStart(text), site);
  const upToToken = token === -1 ? text : text.slice(0, token);
  const whole = final || token !== -1;
  const start = contentStart(upToToken, site, whole);
  if (start === undefined) return token === -1 ? undefined : token;
  const cuts = [
    token === -1 ? undefined : token,
    positive(closingFenceAt(upToToken, start, site)),
    extentEnd(upToToken, start, site, whole),
    repetitionCut(upToToken, start, site, whole),
    site.mode === 'singleLine' ? undefined : suffixRepeatCut(upToToken, start, site, whole),
  ];
  const decided = cuts.filter((cut): cut is number => cut !== undefined);
  return decided.length === 0 ? undefined : Math.min(...decided);
}

/** Options of {@link postprocess}. */
export interface PostprocessOptions {
  /**
   * True for the whole answer (the stream ended or was decided). False for text still
   * streaming: only what is settled is returned, so the result on a prefix of the stream is a
   * prefix of the final one (its `replaceChars` is 0 until the end: the rest of the line goes
   * after the last line, which is not known yet).
   */
  readonly final: boolean;
}

/**
 * The post-processing pipeline: what to show for the raw text a model streamed at a cursor,
 * or undefined when there is nothing worth showing. Stages, each in its own file: junk
 * (special tokens, fences, an echoed header, invisible characters), the multi-line policy and
 * block ends, repetition loops, duplicates of the surrounding lines, restated and glued text
 * at a half-typed word, whitespace at the join and the editor's indentation, and the rest of
 * the line the completion replaces.
 */
export function postprocess(
  raw: string,
  context: PostprocessContext,
  options: PostprocessOptions,
): Presentation | undefined {
  return postprocessAt(raw, siteOf(context), options);
}

/** {@link postprocess} with the cursor's surroundings already read (once per request). */
export function postprocessAt(
  raw: string,
  site: Site,
  options: PostprocessOptions,
): Presentation | undefined {
  const text = raw.replace(/\r\n/g, '\n');
  const end = completionEnd(text, site, options.final);
  const whole = options.final || end !== undefined;
  if (!whole && site.mode === 'singleLine') return undefined;
  let settled = end !== undefined ? text.slice(0, end) : whole ? text : wholeLines(text);
  const start = contentStart(settled, site, whole);
  if (start === undefined) return undefined;
  settled = settled.slice(start);
  if (!whole) settled = withoutUnsettledTail(settled.slice(0, -1), site);

  let shaped = settled;
  if (!startsMidWord(site)) {
    shaped = dropRestatedStart(settled, site);
    if (shaped === settled && gluedOnWord(settled, site)) return undefined;
  }
  shaped = editorIndentation(joinAtCursor(shaped, site), site);
  shaped = trimLines(shaped);
  if (repeatsNeighbour(shaped, site)) return undefined;
  shaped = dropExistingClosers(shaped, site);
  const shown = present(shaped, site.context.suffix);
  if (!shown || options.final || end !== undefined) return shown;
  return { text: shown.text, replaceChars: 0 };
}

/** The tokens at the very start are skipped, not cut at. */
function tokenSearchStart(text: string): number {
  return /^(?:<[^<>\s]{1,40}>|\[[A-Z]{3,6}\])*/.exec(text)?.[0].length ?? 0;
}

function positive(index: number): number | undefined {
  return index === -1 ? undefined : index;
}

/** The complete lines of text still streaming, with their last newline (its last line may grow). */
function wholeLines(text: string): string {
  return text.slice(0, text.lastIndexOf('\n') + 1);
}

/**
 * Lines still streaming that a later decision may remove: trailing closing lines (they may
 * turn out to be duplicates of the document's), a trailing run of equal lines (it may turn out
 * to be a loop) and a line like the one after the cursor (the start of a repeat of it).
 */
function withoutUnsettledTail(text: string, site: Site): string {
  const lines = text.split('\n');
  while (lines.length > 1) {
    const last = lines[lines.length - 1] ?? '';
    const previous = lines[lines.length - 2] ?? '';
    const unsettled =
      isBlank(last) ||
      site.language.closesBlock(last) ||
      last.trim() === previous.trim() ||
      last.trim() === site.nextLines[0]?.trim();
    if (!unsettled) break;
    lines.pop();
  }
  return lines.join('\n');
}

function trimLines(text: string): string {
  return text.replace(/[ \t]+$/gm, '').trimEnd();
}

/** The cursor sits inside a word (`retu█rn`): the completion is not joined to a half word. */
function startsMidWord(site: Site): boolean {
  return /^[\w$]/.test(site.restOfLine);
}
