/**
 * The golden post-processing corpus (test/fixtures/postprocess/*.cases, format in the README
 * there): loading it, and running one case through the real engine against the project's test
 * server. Used by the unit suite and by the benchmark's corpus score.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionEngine, type CompletionQuery } from '../../src/core/engine';
import { silentLogger } from '../../src/core/logger';
import type { EditorIndentation } from '../../src/core/postprocess/context';
import type { Presentation } from '../../src/core/postprocess/present';
import { atCursor } from './cursor';
import { splitText, type TestServer } from './server';
import { testSettings } from './engineSettings';

export interface CorpusCase {
  /** Where it is written: `rest-of-line.cases:12`. */
  readonly source: string;
  readonly name: string;
  readonly rule: string;
  readonly languageId: string;
  readonly indentation: EditorIndentation;
  /** The document, with one `█` for the cursor. */
  readonly document: string;
  /** The model's raw answer, as it streams. */
  readonly output: string;
  /** What is shown, or undefined for nothing. */
  readonly expected: Presentation | undefined;
}

/** Every case of the corpus, in file order. */
export function loadCorpus(dir = corpusDir()): CorpusCase[] {
  return fs
    .readdirSync(dir)
    .filter((file) => file.endsWith('.cases'))
    .sort()
    .flatMap((file) => parseCases(fs.readFileSync(path.join(dir, file), 'utf8'), file));
}

/** Parses one `.cases` file; the rule defaults to the file's name. */
export function parseCases(text: string, file: string): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  let i = 0;
  const fail = (message: string): never => {
    throw new Error(`${file}:${i + 1}: ${message}`);
  };
  while (i < lines.length && !lines[i]?.startsWith('=== ')) i++;
  while (i < lines.length) {
    const start = i;
    const name = (lines[i] ?? '').slice(4).trim();
    const header = new Map<string, string>();
    const sections = new Map<string, { args: string; body: string }>();
    for (i++; i < lines.length && !isMarker(lines[i]); i++) {
      const line = lines[i] ?? '';
      if (line.trim() === '' || line.startsWith('#')) continue;
      const match = /^([a-z]+):\s*(.*)$/.exec(line);
      if (!match?.[1]) fail(`expected "key: value" or a --- section, got ${JSON.stringify(line)}`);
      header.set(match?.[1] ?? '', match?.[2]?.trim() ?? '');
    }
    while (i < lines.length && lines[i]?.startsWith('--- ')) {
      const [section = '', ...args] = (lines[i] ?? '').slice(4).trim().split(/\s+/);
      const body: string[] = [];
      for (i++; i < lines.length && !isMarker(lines[i]); i++) body.push(lines[i] ?? '');
      sections.set(section, { args: args.join(' '), body: decodeBody(body) });
    }
    const document = sections.get('document')?.body ?? fail('no --- document');
    const output = sections.get('output')?.body ?? fail('no --- output');
    const expect = sections.get('expect') ?? fail('no --- expect');
    const languageId = header.get('lang') ?? fail('no lang:');
    cases.push({
      source: `${file}:${start + 1}`,
      name,
      rule: header.get('rule') ?? file.replace(/\.cases$/, ''),
      languageId,
      indentation: parseIndent(header.get('indent'), fail),
      document,
      output,
      expected: parseExpect(expect.args, expect.body, fail),
    });
  }
  return cases;
}

function isMarker(line: string | undefined): boolean {
  return line !== undefined && (line.startsWith('=== ') || line.startsWith('--- '));
}

/**
 * A section's text: its lines joined by newlines, trailing blank lines dropped; then `↵` is a
 * newline (one written at the end of a line stands for that line's own break), `␣` a space,
 * `⇥` a tab and `⟨U+200B⟩` the character with that code, so trailing whitespace, final
 * newlines and invisible characters are visible.
 */
function decodeBody(lines: string[]): string {
  const kept = [...lines];
  while (kept.length > 0 && (kept[kept.length - 1] ?? '').trim() === '') kept.pop();
  return kept
    .join('\n')
    .replace(/↵\n/g, '\n')
    .replace(/↵/g, '\n')
    .replace(/␣/g, ' ')
    .replace(/⇥/g, '\t')
    .replace(/⟨U\+([0-9A-F]{4,6})⟩/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

function parseExpect(
  args: string,
  body: string,
  fail: (message: string) => never,
): Presentation | undefined {
  if (args === 'nothing') return body === '' ? undefined : fail('"nothing" takes no text');
  const replaced = /^replaces (\d+)$/.exec(args);
  if (!replaced?.[1]) return fail(`--- expect needs "nothing" or "replaces N", got "${args}"`);
  return { text: body, replaceChars: Number(replaced[1]) };
}

function parseIndent(
  value: string | undefined,
  fail: (message: string) => never,
): EditorIndentation {
  if (value === undefined) return {};
  const match = /^(spaces|tabs) (\d+)$/.exec(value);
  if (!match?.[2]) return fail(`indent: "spaces N" or "tabs N", got "${value}"`);
  return { insertSpaces: match[1] === 'spaces', tabSize: Number(match[2]) };
}

/** The corpus folder, found from the repository root (tests and bench build to different depths). */
function corpusDir(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('post-processing corpus: repository root not found');
    dir = parent;
  }
  return path.join(dir, 'test', 'fixtures', 'postprocess');
}

/** File extensions for the prompt's path header, so the model-facing prompt looks real. */
const extensions: Record<string, string> = {
  typescript: 'ts',
  javascript: 'js',
  python: 'py',
  go: 'go',
  rust: 'rs',
  java: 'java',
  c: 'c',
  cpp: 'cpp',
  csharp: 'cs',
  ruby: 'rb',
  php: 'php',
  lua: 'lua',
  yaml: 'yaml',
  json: 'json',
  html: 'html',
  css: 'css',
  shellscript: 'sh',
  sql: 'sql',
  kotlin: 'kt',
  swift: 'swift',
  elixir: 'ex',
  markdown: 'md',
};

/**
 * Runs a case through a fresh real engine: the test server streams the raw output in pieces of
 * 1 to 7 characters (varied by case), honouring the request's stop sequences as real servers
 * do, or, with `honourStop: false`, ignoring them so only the client's cuts count.
 */
export async function runCase(
  server: TestServer,
  testCase: CorpusCase,
  honourStop: boolean,
  index: number,
): Promise<Presentation | undefined> {
  const engine = new CompletionEngine({
    settings: () =>
      testSettings(server.url, {
        maxTokens: 256,
        temperature: 0.1,
        timeoutMs: 10_000,
        firstTokenTimeoutMs: 10_000,
        idleTimeoutMs: 10_000,
      }),
    apiKey: () => undefined,
    logger: silentLogger,
  });
  server.reply({ chunks: splitText(testCase.output, 1 + (index % 7)), honourStop });
  const query: CompletionQuery = {
    ...atCursor(testCase.document),
    languageId: testCase.languageId,
    relativePath: `src/example.${extensions[testCase.languageId] ?? 'txt'}`,
    trigger: 'explicit',
    ...testCase.indentation,
  };
  return engine.complete(query, new AbortController().signal);
}

/** A case's result in the corpus's own words, for failure messages. */
export function describeResult(result: Presentation | undefined): string {
  return result === undefined
    ? 'nothing'
    : `replaces ${result.replaceChars}: ${JSON.stringify(result.text)}`;
}
