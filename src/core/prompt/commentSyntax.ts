/** How a line comment starts and ends in a language, for the prompt's header. */
export interface CommentSyntax {
  readonly start: string;
  readonly end: string;
}

const slashes: CommentSyntax = { start: '//', end: '' };
const hash: CommentSyntax = { start: '#', end: '' };
const dashes: CommentSyntax = { start: '--', end: '' };
const semicolon: CommentSyntax = { start: ';', end: '' };
const percent: CommentSyntax = { start: '%', end: '' };
const html: CommentSyntax = { start: '<!--', end: ' -->' };
const block: CommentSyntax = { start: '/*', end: ' */' };

/** VS Code language ids grouped by comment style; anything unlisted uses `//`. */
const byLanguage: Record<string, CommentSyntax> = {
  python: hash,
  ruby: hash,
  perl: hash,
  shellscript: hash,
  powershell: hash,
  r: hash,
  julia: hash,
  elixir: hash,
  yaml: hash,
  toml: hash,
  makefile: hash,
  dockerfile: hash,
  coffeescript: hash,
  nim: hash,
  sql: dashes,
  lua: dashes,
  haskell: dashes,
  elm: dashes,
  ada: dashes,
  clojure: semicolon,
  lisp: semicolon,
  scheme: semicolon,
  ini: semicolon,
  latex: percent,
  tex: percent,
  erlang: percent,
  matlab: percent,
  html: html,
  xml: html,
  markdown: html,
  vue: html,
  svelte: html,
  css: block,
  scss: slashes,
  less: slashes,
};

export function commentSyntaxFor(languageId: string): CommentSyntax {
  return byLanguage[languageId] ?? slashes;
}
