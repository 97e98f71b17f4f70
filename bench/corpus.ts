import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * Real source files from packages in node_modules, one per language, and the stretch of each
 * that the simulated user types. Real files, not generated text, because cache hits, stream
 * reuse and single- vs multi-line decisions all depend on how real code is shaped.
 */
export interface CorpusFile {
  /** Path under node_modules, for the report. */
  readonly source: string;
  readonly languageId: string;
  /** The document's path in the simulated workspace (it goes into the prompt header). */
  readonly relativePath: string;
  /** The whole real file. */
  readonly text: string;
  /** Typing starts with text[0, start) in the document and types text[start, end). */
  readonly start: number;
  readonly end: number;
}

interface CorpusSpec {
  readonly source: string;
  readonly languageId: string;
  /** Typing starts at the line holding this text (so the document already has real context). */
  readonly startAt: string;
  /** About this many characters are typed, rounded up to the end of a line. */
  readonly chars: number;
}

/**
 * Pinned by content, not offsets, so a patch release of a package moves the stretch a little
 * but keeps it meaningful. Missing files are skipped (the session checks the keystroke total).
 * No Markdown or plain text: the extension ships with automatic completions off for them.
 */
const specs: readonly CorpusSpec[] = [
  {
    source: 'typescript/lib/lib.es5.d.ts',
    languageId: 'typescript',
    startAt: 'interface Array<T> {',
    chars: 1200,
  },
  {
    source: 'mocha/lib/runner.js',
    languageId: 'javascript',
    startAt: 'Runner.prototype.grep = function',
    chars: 1100,
  },
  {
    source: 'flatted/python/flatted.py',
    languageId: 'python',
    startAt: 'import json as _json',
    chars: 1200,
  },
  {
    source: 'flatted/golang/pkg/flatted/flatted.go',
    languageId: 'go',
    startAt: 'func Stringify(',
    chars: 1200,
  },
  { source: 'mocha/mocha.css', languageId: 'css', startAt: '#mocha .test {', chars: 600 },
  { source: 'typescript/package.json', languageId: 'json', startAt: '"keywords"', chars: 600 },
];

const nodeModules = path.resolve(__dirname, '../../node_modules');

/** The typing corpus, and the specs that could not be loaded (reported, not fatal). */
export function loadCorpus(): { files: CorpusFile[]; missing: string[] } {
  const files: CorpusFile[] = [];
  const missing: string[] = [];
  for (const spec of specs) {
    const file = loadOne(spec);
    if (file) files.push(file);
    else missing.push(spec.source);
  }
  return { files, missing };
}

function loadOne(spec: CorpusSpec): CorpusFile | undefined {
  const full = path.join(nodeModules, spec.source);
  if (!fs.existsSync(full)) return undefined;
  // Editors normalise line endings on the way in; the benchmark types LF.
  const text = fs.readFileSync(full, 'utf8').replace(/\r\n/g, '\n');
  const at = text.indexOf(spec.startAt);
  if (at === -1) return undefined;
  const start = text.lastIndexOf('\n', at) + 1;
  const lineEnd = text.indexOf('\n', start + spec.chars);
  const end = lineEnd === -1 ? text.length : lineEnd + 1;
  return {
    source: spec.source,
    languageId: spec.languageId,
    relativePath: `src/${path.basename(spec.source)}`,
    text,
    start,
    end,
  };
}

/**
 * A document of exactly `lines` lines of real source: blocks of every corpus file in turn, each
 * file continuing where its last block ended, so every size from 1,000 lines on holds the same
 * mix. It matters beyond the languages: V8 keeps a string at one byte per character only while
 * every character is Latin-1, and one other character (mocha.css has a ✓) makes the whole
 * document and every window read from it two bytes per character. Taken file after file, the
 * first 1,000 lines were all lib.es5.d.ts (one byte) and 100,000 lines held mocha.css too (two
 * bytes), so the 100k/1k ratio compared two kinds of text, not two sizes.
 */
export function syntheticDocument(lines: number): string {
  const files = specs
    .map((spec) => path.join(nodeModules, spec.source))
    .filter((full) => fs.existsSync(full))
    .map((full) => fs.readFileSync(full, 'utf8').replace(/\r\n/g, '\n').split('\n'));
  if (files.length === 0) throw new Error('no corpus files found under node_modules');
  const blockLines = 25;
  const out: string[] = [];
  for (let block = 0; out.length < lines; block++) {
    for (const file of files) {
      for (let i = 0; i < blockLines && out.length < lines; i++) {
        out.push(file[(block * blockLines + i) % file.length] ?? '');
      }
    }
  }
  return out.join('\n');
}

/** At least `chars` characters of real source to type (every corpus file, whole, repeated). */
export function typingSource(chars: number): string {
  let text = '';
  while (text.length < chars) text += syntheticDocument(2000) + '\n';
  return text;
}
