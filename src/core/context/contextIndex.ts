import { CONTEXT_BUDGET_CHARS } from '../prompt/budget';
import type { ContextQuery, ContextSource } from './contextSource';
import { DocumentWindows } from './documentWindows';
import { identifiersOf } from './identifiers';
import { RecentEdits, type LineChange } from './recentEdits';
import { fitToBudget, snippetCost } from './snippetBudget';
import type { ContextSnippet } from './snippet';

/** A document the index may take snippets from. */
export interface ContextDocument {
  /** Path relative to its workspace folder, as the prompt shows it. */
  readonly relativePath: string;
  readonly languageId: string;
  /** The document's current length, asked before its text so a huge document is never read. */
  readonly length: () => number;
  /** The document's current text: read only when its windows are rebuilt, never per keystroke. */
  readonly text: () => string;
}

/** The numbers retrieval runs by; see {@link defaultContextLimits} for why each is what it is. */
export interface ContextLimits {
  /** Lines per sliding window, and so per similarity snippet. */
  readonly windowLines: number;
  /** Lines before the cursor (its own line included) whose identifiers form the query. */
  readonly queryLinesBefore: number;
  /** Lines after the cursor added to the query (the rest of the cursor's line counts as one). */
  readonly queryLinesAfter: number;
  /** Similarity snippets per request. */
  readonly maxSnippets: number;
  /** Similarity snippets from one file (windows that do not overlap). */
  readonly snippetsPerFile: number;
  /** The most recently used documents searched per request. */
  readonly maxFiles: number;
  /** Documents tracked (open ones beyond this, least recently used first, are forgotten). */
  readonly maxDocuments: number;
  /** Larger documents are never indexed (generated or minified code, data). */
  readonly maxFileChars: number;
  /** Text held by all windows together; the least recently used give theirs up first. */
  readonly maxIndexedChars: number;
  /** Lines shown around a recent edit. */
  readonly editLines: number;
  /** Share of the budget recent edits may take before similarity snippets have theirs. */
  readonly editShare: number;
}

/**
 * Measured with `npm run bench` (context section: 400 completion points in real packages),
 * starting from Copilot's numbers (60-line windows, 4 snippets, one per file, ≤ 20 files,
 * files < 10,000 characters). One window per file found the defining line at 49 % of the
 * points: the file was chosen but its most similar window was elsewhere. Three windows per file
 * (not overlapping) and 25 lines each found it at about 72 % for the same budget; 20- and
 * 30-line windows did a little worse. Files up to 200,000 characters rather than 10,000: in real
 * packages the defining file is often larger than that. All windows together hold at most
 * 2,000,000 characters of text.
 */
export const defaultContextLimits: ContextLimits = {
  windowLines: 25,
  queryLinesBefore: 20,
  queryLinesAfter: 5,
  maxSnippets: 10,
  snippetsPerFile: 3,
  maxFiles: 20,
  maxDocuments: 50,
  maxFileChars: 200_000,
  maxIndexedChars: 2_000_000,
  editLines: 10,
  editShare: 0.25,
};

interface Entry {
  readonly document: ContextDocument;
  /** Undefined until first needed, after a change, or when given up for memory. */
  windows: DocumentWindows | undefined;
  /** Too large to index, as of its last change (so its text is not read again per request). */
  tooLarge: boolean;
}

/**
 * Snippets from the other documents the user has open or recently edited, chosen by identifier
 * similarity to the code around the cursor (sliding windows, Jaccard), plus the regions of the
 * last edits. Editor events only mark a document changed; its windows are rebuilt by
 * {@link ContextIndex.prepare} when the editor is idle, or by the request that needs them, so
 * typing costs a map lookup per keystroke.
 */
export class ContextIndex implements ContextSource {
  /** Least recently used first (a Map keeps insertion order; touching re-inserts). */
  private readonly entries = new Map<string, Entry>();
  private readonly edits: RecentEdits;

  constructor(private readonly limits: ContextLimits = defaultContextLimits) {
    this.edits = new RecentEdits();
  }

  /** A document was opened (or shown again, or its path or language changed). */
  open(key: string, document: ContextDocument): void {
    this.entries.delete(key);
    this.entries.set(key, { document, windows: undefined, tooLarge: false });
    for (const oldest of this.entries.keys()) {
      if (this.entries.size <= this.limits.maxDocuments) break;
      this.close(oldest);
    }
  }

  /** The user looked at the document: it becomes the most recently used. */
  touch(key: string): void {
    const entry = this.entries.get(key);
    if (!entry) return;
    this.entries.delete(key);
    this.entries.set(key, entry);
  }

  /**
   * The document's text changed: its windows are stale, and the place is a recent edit. False
   * when the document is not tracked (nothing to do).
   */
  changed(key: string, change: LineChange): boolean {
    const entry = this.entries.get(key);
    if (!entry) return false;
    entry.windows = undefined;
    entry.tooLarge = false;
    this.edits.record(key, change);
    this.touch(key);
    return true;
  }

  close(key: string): void {
    this.entries.delete(key);
    this.edits.forget(key);
  }

  clear(): void {
    this.entries.clear();
    this.edits.clear();
  }

  /** Documents tracked; the benchmark and tests read it. */
  get size(): number {
    return this.entries.size;
  }

  /**
   * Snippets for the query within `maxChars` (see `snippetCost`), in prompt order: recent edits
   * first, then similarity snippets from the least to the most similar, so the best lands
   * nearest the cursor. Never from the query's own document; never text already in its windows.
   */
  snippetsFor(query: ContextQuery, maxChars = CONTEXT_BUDGET_CHARS): ContextSnippet[] {
    if (maxChars <= 0) return [];
    const searched = this.searched(query);
    const edited = this.editSnippets(searched);
    const similar = this.similarSnippets(query, searched);
    const promptWindow = `${query.prefix}\n${query.suffix}`;
    // Recent edits keep a share of the budget (as much as they need, up to `editShare`); the
    // similarity snippets may use the rest, and the edits then whatever is left.
    const editReserve = Math.min(this.limits.editShare * maxChars, totalCost(edited));
    const best = fitToBudget(
      similar,
      promptWindow,
      maxChars - editReserve,
      this.limits.maxSnippets,
    );
    const edits = fitToBudget(
      edited,
      [promptWindow, ...best.map((s) => s.text)].join('\n'),
      maxChars - totalCost(best),
    );
    return [...edits, ...best.reverse()];
  }

  /**
   * Builds now the windows a request would build: called when the editor is idle, so the next
   * request finds them ready. `activeKey`, the document being typed in, is left until the user
   * leaves it (it is never context for itself, and would be stale again at the next keystroke).
   */
  prepare(activeKey?: string): void {
    const recent = new Map<string, Entry>();
    for (const [key, entry] of this.newestFirst()) {
      if (recent.size >= this.limits.maxFiles) break;
      if (key !== activeKey) recent.set(key, entry);
    }
    this.buildWindows(recent);
  }

  /** The most recently used documents of a related language, other than the query's own. */
  private searched(query: ContextQuery): Map<string, Entry> {
    const family = languageFamily(query.languageId);
    const found = new Map<string, Entry>();
    for (const [key, entry] of this.newestFirst()) {
      if (found.size >= this.limits.maxFiles) break;
      const { document } = entry;
      if (document.relativePath === query.relativePath) continue;
      if (languageFamily(document.languageId) !== family) continue;
      found.set(key, entry);
    }
    this.buildWindows(found);
    return found;
  }

  /**
   * Builds the missing windows of `chosen`, and leaves out of it those that cannot have any:
   * too large, or beyond the bound on indexed text, where the least recently used documents
   * give their windows up first.
   */
  private buildWindows(chosen: Map<string, Entry>): void {
    let indexed = 0;
    for (const [key, entry] of this.newestFirst()) {
      const windows = chosen.has(key) ? this.windowsOf(entry) : entry.windows;
      indexed += windows?.text.length ?? 0;
      if (indexed > this.limits.maxIndexedChars) entry.windows = undefined;
      if (!entry.windows) chosen.delete(key);
    }
  }

  private newestFirst(): [string, Entry][] {
    return [...this.entries].reverse();
  }

  private windowsOf(entry: Entry): DocumentWindows | undefined {
    if (!entry.windows && !entry.tooLarge) {
      entry.tooLarge = entry.document.length() > this.limits.maxFileChars;
      if (entry.tooLarge) return undefined;
      entry.windows = new DocumentWindows(entry.document.text(), this.limits.windowLines);
    }
    return entry.windows;
  }

  private similarSnippets(query: ContextQuery, searched: Map<string, Entry>): ContextSnippet[] {
    const ids = new Set(identifiersOf(queryText(query, this.limits)));
    if (ids.size === 0) return [];
    const matches = [];
    for (const entry of searched.values()) {
      const { windows } = entry;
      for (const match of windows?.bestWindows(ids, this.limits.snippetsPerFile) ?? []) {
        if (windows) matches.push({ ...match, entry, windows });
      }
    }
    matches.sort((a, b) => b.score - a.score);
    return matches.flatMap((m) => {
      const text = trimBlankLines(m.windows.linesText(m.startLine, m.endLine));
      return text ? [{ relativePath: m.entry.document.relativePath, text }] : [];
    });
  }

  private editSnippets(searched: Map<string, Entry>): ContextSnippet[] {
    const snippets: ContextSnippet[] = [];
    for (const edit of this.edits.latest()) {
      const windows = searched.get(edit.key)?.windows;
      const document = searched.get(edit.key)?.document;
      if (!windows || !document) continue;
      const start = Math.max(0, edit.line - Math.floor(this.limits.editLines / 2));
      const text = trimBlankLines(windows.linesText(start, start + this.limits.editLines));
      if (text) snippets.push({ relativePath: document.relativePath, text });
    }
    return snippets;
  }
}

function totalCost(snippets: readonly ContextSnippet[]): number {
  return snippets.reduce((sum, snippet) => sum + snippetCost(snippet), 0);
}

/** The identifiers the query is made of: the lines around the cursor. */
function queryText(query: ContextQuery, limits: ContextLimits): string {
  const before = query.prefix.split('\n').slice(-limits.queryLinesBefore);
  const after = query.suffix.split('\n').slice(0, 1 + limits.queryLinesAfter);
  return [...before, ...after].join('\n');
}

function trimBlankLines(text: string): string {
  return text.replace(/^(?:[ \t]*\n)+/, '').trimEnd();
}

/**
 * Languages whose files call into each other: a TypeScript file imports JavaScript and the
 * other way round; a C++ file includes C headers; JSON with comments is JSON. Any other
 * language only meets itself.
 */
function languageFamily(languageId: string): string {
  if (/^(type|java)script(react)?$/.test(languageId)) return 'javascript';
  if (/^(c|cpp|objective-cpp|objective-c|cuda-cpp)$/.test(languageId)) return 'c';
  if (/^jsonc?$/.test(languageId)) return 'json';
  return languageId;
}
