import type { Site } from './context';

/**
 * Special tokens models leak into text: FIM markers of every family (StarCoder `<fim_middle>`,
 * Qwen `<|fim_middle|>`, DeepSeek `<｜fim▁hole｜>`, CodeLlama `<PRE>`/`<EOT>`, Mistral
 * `[SUFFIX]`), end-of-text markers (`<|endoftext|>`, `</s>`) and repository markers
 * (`<file_sep>`). Text after one is not the completion.
 */
const specialToken = new RegExp(
  [
    String.raw`<\|[A-Za-z0-9_▁]{2,40}\|>`,
    '<｜[^｜\\n]{1,40}｜>',
    String.raw`<(?:fim|FIM)[_-](?:prefix|suffix|middle|hole|pad|begin|end)>`,
    String.raw`<(?:PRE|SUF|MID|EOT|EOS|BOS|MASK|eos|bos|pad|unk|end_of_turn|start_of_turn|file_sep|repo_name|filename|gh_stars|commit_before|commit_msg|commit_after|empty_output|jupyter_\w+)>`,
    String.raw`\[(?:PREFIX|SUFFIX|MIDDLE|PRE|SUF|MID|EOT)\]`,
  ].join('|'),
);
/** A special token at the very start of a text (built once: this runs on every streamed piece). */
const specialTokenFirst = new RegExp(`^(?:${specialToken.source})`);
/** `</s>` ends a sequence for Llama-family models, but is a real closing tag in markup. */
const endOfSentence = '</s>';

/** A fence line an instruct model wraps code in: ```ts, ```, ~~~python. */
const fenceLine = /^[ \t]*(?:```|~~~)[\w+#.-]*[ \t]*$/;
/** An instruct model's sentence before a fenced answer: `Here is the code:`. */
const proseIntro = /^[ \t]*(?:sure|certainly|okay|ok|here)\b[^`{};=()]*:[ \t]*$/i;
/** The prompt's header (`// Path: src/a.ts`, `# Language: python`), echoed back. */
const headerEcho =
  /^[ \t]*(?:\/\/|#|--|;|%|\/\*|<!--)[ \t]*(?:Path|Language|File(?:name)?)[ \t]*:.*$/i;
/** Zero-width characters, soft hyphens and emoji a model puts before the code. */
const invisibleOrEmoji =
  /^(?:[\u200B-\u200F\u2060\uFEFF\u00AD]|\uFE0F|\u20E3|\p{Extended_Pictographic})+/u;

/** Where the first special token starts in `text` at or after `from`, or -1. */
export function specialTokenAt(text: string, from: number, site: Site): number {
  const rest = text.slice(from);
  const token = specialToken.exec(rest)?.index ?? -1;
  const eos = site.language.blocks === 'markup' ? -1 : rest.indexOf(endOfSentence);
  const first = token === -1 ? eos : eos === -1 ? token : Math.min(token, eos);
  return first === -1 ? -1 : from + first;
}

/**
 * Where the completion's content starts: after special tokens, invisible characters or emoji
 * at the very start, an opening fence line (and a sentence introducing it) and echoed header
 * lines. Undefined while the first
 * line is too short to tell (it may still become a fence or a header).
 */
export function contentStart(text: string, site: Site, final: boolean): number | undefined {
  let at = 0;
  for (;;) {
    const token = specialTokenFirst.exec(text.slice(at));
    if (token) {
      at += token[0].length;
      continue;
    }
    const invisible = insideString(site) ? null : invisibleOrEmoji.exec(text.slice(at));
    if (invisible) {
      at += invisible[0].length;
      continue;
    }
    if (site.language.fencesAreContent) return at;
    const newline = text.indexOf('\n', at);
    const line = text.slice(at, newline === -1 ? undefined : newline);
    const skippable = fenceLine.test(line) || headerEcho.test(line);
    if (newline === -1) return final || !mayBecomeJunk(line) ? at : undefined;
    if (proseIntro.test(line)) {
      // Skipped only together with the fence that follows it.
      const next = text.indexOf('\n', newline + 1);
      const fence = text.slice(newline + 1, next === -1 ? undefined : next);
      if (next === -1 && !final && '```'.startsWith(fence.trim().slice(0, 3))) return undefined;
      if (!fenceLine.test(fence)) return at;
      at = next === -1 ? text.length : next + 1;
      continue;
    }
    if (!skippable) return at;
    at = newline + 1;
  }
}

/** Where a closing fence line starts (the newline before it), at or after `from`, or -1. */
export function closingFenceAt(text: string, from: number, site: Site): number {
  if (site.language.fencesAreContent) return -1;
  const match = /\n[ \t]*(?:```|~~~)/.exec(text.slice(from));
  return match ? from + match.index : -1;
}

/** A first line still streaming that could turn out to be a fence or an echoed header. */
function mayBecomeJunk(line: string): boolean {
  const start = line.trimStart();
  if (start === '') return true;
  if ('```'.startsWith(start.slice(0, 3)) || '~~~'.startsWith(start.slice(0, 3))) return true;
  return /^(?:\/\/|#|--|;|%|\/\*|<!--)/.test(start) && start.length < 24;
}

/** Emoji may be the text of a string the cursor is in: an odd number of quotes before it. */
function insideString(site: Site): boolean {
  for (const quote of ['"', "'", '`']) {
    if ((site.lineBefore.split(quote).length - 1) % 2 === 1) return true;
  }
  return false;
}
