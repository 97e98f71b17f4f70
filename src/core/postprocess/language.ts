/**
 * What post-processing needs to know about a language, from its VS Code language id: how a
 * line opens a block, how a block is closed, and whether Markdown fences are content there.
 */
export interface LanguageRules {
  /** How blocks end: a closing line (`}`, `end`, `</div>`) or only a dedent (Python, YAML). */
  readonly blocks: 'braces' | 'indent' | 'end' | 'markup';
  /** Whether the line (code before the cursor plus the completion's first line) opens a block. */
  opensBlock(line: string): boolean;
  /** Whether the line only closes a block (`}`, `});`, `end`, `fi`, `</div>`). */
  closesBlock(line: string): boolean;
  /** Markdown: a fence is content, not a model's wrapping. */
  readonly fencesAreContent: boolean;
}

/** `{ ( [` or an arrow at the end of a line, in every language with brackets. */
const bracketOpener = /(?:[{([]|=>|->|\bthen|\bdo|\bbegin)\s*$/;
/** `case 1:`, `default:`, a Python/YAML header. */
const colonOpener = /:\s*$/;
const bracketCloser = /^\s*[}\])]+[\s;,)\]}]*$/;

const braces: LanguageRules = {
  blocks: 'braces',
  opensBlock: (line) => {
    const code = stripLineComment(line);
    return bracketOpener.test(code) || colonOpener.test(code);
  },
  closesBlock: (line) => bracketCloser.test(line),
  fencesAreContent: false,
};

const indentation: LanguageRules = {
  blocks: 'indent',
  opensBlock: (line) => /(?:[:{([])\s*$/.test(stripHashComment(line)),
  // Only brackets close anything; a dedented statement belongs to the next block.
  closesBlock: (line) => bracketCloser.test(line),
  fencesAreContent: false,
};

/** Languages whose blocks close with a keyword, keyed by id: openers and closers. */
function keywordBlocks(opener: RegExp, closer: RegExp): LanguageRules {
  return {
    blocks: 'end',
    opensBlock: (line) => opener.test(stripHashComment(line)) || bracketOpener.test(line),
    closesBlock: (line) => closer.test(line) || bracketCloser.test(line),
    fencesAreContent: false,
  };
}

const ruby = keywordBlocks(
  /(?:^\s*(?:def|class|module|if|unless|while|until|case|begin|for)\b.*|\bdo(?:\s*\|[^|]*\|)?\s*)$/,
  /^\s*end\b[\s.)\w]*$/,
);
const lua = keywordBlocks(
  /(?:\b(?:then|do|else|repeat)|\bfunction\b[^)]*\)|^\s*(?:local\s+)?function\b.*\))\s*$/,
  /^\s*(?:end\b[\s),;]*|until\b.*)$/,
);
const elixir = keywordBlocks(/(?:\bdo|->|\bfn)\s*$/, /^\s*end\b[\s)]*$/);
const julia = keywordBlocks(
  /^\s*(?:function|if|for|while|struct|mutable struct|begin|let|module|macro|try)\b.*$/,
  /^\s*end\b[\s)]*$/,
);
const shell = keywordBlocks(/(?:\b(?:then|do|else|in)|\{)\s*$/, /^\s*(?:fi|done|esac|\}|;;)\s*$/);

const markup: LanguageRules = {
  blocks: 'markup',
  // An opening tag that is not closed on the same line and not self-closing or void.
  opensBlock: (line) => {
    const tag = /<([A-Za-z][\w.-]*)(?:\s[^<>]*)?>\s*$/.exec(line);
    if (!tag?.[1] || tag[0].endsWith('/>')) return false;
    return !voidElements.has(tag[1].toLowerCase()) && !line.includes(`</${tag[1]}`);
  },
  closesBlock: (line) => /^\s*(?:<\/[\w.-]+>\s*)+$/.test(line),
  fencesAreContent: false,
};

const voidElements = new Set(['br', 'hr', 'img', 'input', 'meta', 'link', 'area', 'base', 'col']);

const markdown: LanguageRules = {
  blocks: 'braces',
  opensBlock: () => false,
  closesBlock: () => false,
  fencesAreContent: true,
};

const byLanguage: Record<string, LanguageRules> = {
  python: indentation,
  yaml: indentation,
  coffeescript: indentation,
  nim: indentation,
  gdscript: indentation,
  ruby,
  crystal: ruby,
  lua,
  elixir,
  julia,
  shellscript: shell,
  html: markup,
  xml: markup,
  vue: markup,
  svelte: markup,
  markdown,
  plaintext: markdown,
};

/** The rules for a language id; brace languages (C, JS, Go, Rust, Java, JSON, CSS…) by default. */
export function languageRules(languageId: string): LanguageRules {
  return byLanguage[languageId] ?? braces;
}

/** A trailing `// comment` does not decide whether a line opens a block. */
function stripLineComment(line: string): string {
  const at = line.indexOf('//');
  return at >= 0 && !/["'`]/.test(line.slice(at)) ? line.slice(0, at).trimEnd() : line;
}

function stripHashComment(line: string): string {
  const at = line.trimStart().startsWith('#') ? 0 : line.indexOf(' #');
  return at >= 0 && !/["']/.test(line.slice(at)) ? line.slice(0, at).trimEnd() : line;
}
