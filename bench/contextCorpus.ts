import * as fs from 'node:fs';
import * as path from 'node:path';
import { Random } from './random';

/**
 * Completion points for the context benchmark, found in real packages in node_modules: a line
 * of one file that uses a name defined in exactly one other file of the same package and
 * language, plus the files open beside it (the defining file and unrelated ones). Found by
 * scanning, not hand-picked, so the measurement covers whatever code is installed.
 */
export interface ContextPoint {
  /** Package name, for spreading points and for the report. */
  readonly packageName: string;
  readonly languageId: 'typescript' | 'javascript';
  readonly name: string;
  /**
   * The file being edited, as it is while the user writes the line: the rest of the cursor's
   * line is not typed yet (the lines after it are there). The cursor's offset in it.
   */
  readonly file: PackageFile;
  readonly offset: number;
  /** The line that defines the name, trimmed: what the prompt should contain. */
  readonly definitionLine: string;
  readonly definingFile: PackageFile;
  /** Files of the package in which the name does not occur at all. */
  readonly unrelated: readonly PackageFile[];
}

export interface PackageFile {
  /** Path inside the package, as the prompt shows it. */
  readonly relativePath: string;
  readonly text: string;
}

export interface CorpusOptions {
  readonly seed: number;
  readonly points: number;
  readonly maxPerPackage: number;
  readonly unrelatedOpen: number;
  /** Where the cursor stands on the line that uses the name. */
  readonly cursor: 'beforeName' | 'afterName';
}

const languages: Record<string, 'typescript' | 'javascript'> = {
  '.ts': 'typescript',
  '.mts': 'typescript',
  '.cts': 'typescript',
  '.js': 'javascript',
  '.mjs': 'javascript',
  '.cjs': 'javascript',
};

/** Top-level definitions of JavaScript and TypeScript (declarations in .d.ts files included). */
const definition =
  /^(?:export\s+)?(?:default\s+)?(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:function\*?|class|interface|type|enum|const|let|var)\s+([A-Za-z_$][\w$]*)|^(?:module\.)?exports\.([A-Za-z_$][\w$]*)\s*=/;

/** Lines that only bring a name in (the model learns nothing about it from them). */
const importLine = /^\s*(import\b|export\s*\{|export\s+\*|.*\brequire\s*\()|^\s*(\/\/|\/?\*)/;

export const nodeModules = path.resolve(__dirname, '../../node_modules');

export function contextPoints(options: CorpusOptions): ContextPoint[] {
  const random = new Random(options.seed);
  const byPackage = packageDirs().map((dir) => pointsIn(dir, options, random));
  // Round-robin over packages so no single large package decides the result.
  const points: ContextPoint[] = [];
  for (let round = 0; points.length < options.points; round++) {
    const before = points.length;
    for (const list of byPackage) {
      const point = list[round];
      if (point && points.length < options.points) points.push(point);
    }
    if (points.length === before) break;
  }
  return points;
}

function packageDirs(): string[] {
  return fs.readdirSync(nodeModules).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const full = path.join(nodeModules, name);
    if (!name.startsWith('@')) return [full];
    return fs.readdirSync(full).map((inner) => path.join(full, inner));
  });
}

function pointsIn(dir: string, options: CorpusOptions, random: Random): ContextPoint[] {
  const files = sourceFiles(dir);
  const points: ContextPoint[] = [];
  for (const languageId of ['typescript', 'javascript'] as const) {
    const group = files.filter((f) => f.languageId === languageId);
    if (group.length < options.unrelatedOpen + 2) continue;
    const definedIn = definitions(group);
    // Names tried per package are bounded: each costs a scan of the package's files.
    const names = shuffled([...definedIn], random).slice(0, 20 * options.maxPerPackage);
    for (const [name, { file: definingFile, line }] of names) {
      if (points.length >= options.maxPerPackage) break;
      const word = new RegExp(`(?<![\\w$])${name.replace(/\$/g, '\\$')}(?![\\w$])`);
      const users = group.filter((f) => f !== definingFile && word.test(f.text));
      const unrelated = group.filter((f) => !word.test(f.text));
      if (users.length === 0 || unrelated.length < options.unrelatedOpen) continue;
      const user = users[random.below(users.length)];
      const offset = user && usePosition(user.text, word, line, options.cursor);
      if (!user || offset === undefined) continue;
      const lineEnd = user.text.indexOf('\n', offset);
      const typing = {
        relativePath: user.relativePath,
        text: user.text.slice(0, offset) + (lineEnd === -1 ? '' : user.text.slice(lineEnd)),
      };
      points.push({
        packageName: path.relative(nodeModules, dir),
        languageId,
        name,
        file: typing,
        offset,
        definitionLine: line,
        definingFile,
        unrelated: shuffled(unrelated, random).slice(0, options.unrelatedOpen),
      });
    }
  }
  return points;
}

/** The cursor on the first line of `text` that uses the name (not an import or a comment). */
function usePosition(
  text: string,
  word: RegExp,
  definitionLine: string,
  cursor: CorpusOptions['cursor'],
): number | undefined {
  // The definition must not already be in the file: the point would then say nothing.
  if (text.includes(definitionLine)) return undefined;
  let lineStart = 0;
  for (const line of text.split('\n')) {
    const match = word.exec(line);
    if (match && !importLine.test(line) && !definition.test(line)) {
      return lineStart + match.index + (cursor === 'afterName' ? match[0].length : 0);
    }
    lineStart += line.length + 1;
  }
  return undefined;
}

/** Names defined in exactly one file of the group, with that file and the trimmed line. */
function definitions(group: readonly SourceFile[]) {
  const found = new Map<string, { file: SourceFile; line: string } | null>();
  for (const file of group) {
    const here = new Map<string, string>();
    for (const line of file.text.split('\n')) {
      const match = definition.exec(line);
      const name = match?.[1] ?? match?.[2];
      if (name && name.length >= 4 && !here.has(name)) here.set(name, line.trim());
    }
    for (const [name, line] of here) {
      found.set(name, found.has(name) ? null : { file, line });
    }
  }
  return new Map(
    [...found].filter(
      (entry): entry is [string, { file: SourceFile; line: string }] =>
        entry[1] !== null && entry[1].line.length >= 12,
    ),
  );
}

export interface SourceFile extends PackageFile {
  readonly languageId: 'typescript' | 'javascript';
}

/** The package's source files, nested packages and minified bundles left out. */
export function sourceFiles(dir: string): SourceFile[] {
  const files: SourceFile[] = [];
  const walk = (at: string) => {
    for (const entry of fs.readdirSync(at, { withFileTypes: true })) {
      const full = path.join(at, entry.name);
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules' && !entry.name.startsWith('.')) walk(full);
        continue;
      }
      const languageId = languages[path.extname(entry.name)];
      if (!languageId || entry.name.includes('.min.')) continue;
      const text = fs.readFileSync(full, 'utf8').replace(/\r\n/g, '\n');
      // Bundles and generated files: one line holding most of the file.
      if (text.length > 1_000_000 || text.length / (text.split('\n').length || 1) > 200) continue;
      files.push({ relativePath: path.relative(dir, full), text, languageId });
    }
  };
  walk(dir);
  return files;
}

function shuffled<T>(items: readonly T[], random: Random): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = random.below(i + 1);
    [copy[i], copy[j]] = [copy[j] as T, copy[i] as T];
  }
  return copy;
}
