import type { Site } from './context';
import { indentWidth, isBlank, leadingWhitespace } from './lines';

/**
 * The join at the cursor: after a space, a completion that starts with spaces keeps one (the
 * prefix's). On a line of indentation only, the model's leading whitespace is read as the
 * line's whole indentation (models echo it): only the columns beyond the cursor are kept.
 */
export function joinAtCursor(text: string, site: Site): string {
  const lead = leadingWhitespace(text);
  if (lead === '' || !/[ \t]$/.test(site.lineBefore) || isBlank(text.split('\n')[0] ?? '')) {
    return text;
  }
  const rest = text.slice(lead.length);
  if (!isBlank(site.lineBefore)) return rest;
  const tabSize = site.context.tabSize ?? 4;
  const typed = indentWidth(site.lineBefore, tabSize);
  const given = indentWidth(lead, tabSize);
  // Read as relative to the cursor when that lands where the neighbouring lines are indented
  // (a fill-in-the-middle model continuing from the cursor), else as the whole indentation.
  if (neighbourIndents(site, tabSize).includes(typed + given)) return text;
  const extra = given - typed;
  return extra > 0 ? indentation(extra, site) + rest : rest;
}

/** Indentations the cursor's line likely has: the next line's, or the line above's (+ a level). */
function neighbourIndents(site: Site, tabSize: number): number[] {
  const next = site.nextLines[0];
  const above = indentWidth(site.lineAbove, tabSize);
  const opens = site.language.opensBlock(site.lineAbove);
  return [
    ...(next === undefined ? [] : [indentWidth(next, tabSize)]),
    opens ? above + indentUnit(site, tabSize) : above,
  ];
}

/** Lines of the prefix read to tell its indentation unit. */
const unitSampleLines = 40;

/** Columns per indentation level in the document: its smallest indentation (a tab's width when unknown). */
function indentUnit(site: Site, tabSize: number): number {
  if (site.context.insertSpaces === false) return tabSize;
  let unit = Infinity;
  for (const line of site.context.prefix.split('\n').slice(-unitSampleLines)) {
    const width = indentWidth(line, tabSize);
    if (width > 0 && !isBlank(line)) unit = Math.min(unit, width);
  }
  return unit === Infinity ? tabSize : unit;
}

/**
 * Indentation in the editor's style: a completion's lines indented with tabs in a file
 * indented with spaces (or the other way round) are converted, a tab being `tabSize` columns;
 * and levels of another width (4 spaces where the editor and the file use 2) are rescaled.
 * Untouched when the editor's settings are unknown.
 */
export function editorIndentation(text: string, site: Site): string {
  if (site.context.insertSpaces === undefined) return text;
  // Tabs are converted by their width; only space indentation can be in other levels.
  return /^\t/m.test(text) ? convertKind(text, site) : rescaleLevels(convertKind(text, site), site);
}

function convertKind(text: string, site: Site): string {
  return text
    .split('\n')
    .map((line, i) => {
      if (i === 0 && !isBlank(site.lineBefore)) return line;
      const lead = leadingWhitespace(line);
      const wrongKind = site.context.insertSpaces ? lead.includes('\t') : lead.includes(' ');
      if (!wrongKind) return line;
      return (
        indentation(indentWidth(lead, site.context.tabSize ?? 4), site) + line.slice(lead.length)
      );
    })
    .join('\n');
}

/**
 * Space indentation in levels of another width than the editor's (4 spaces where the editor
 * and the file use 2): every line below the first, indented from the cursor's line in steps of
 * one width, gets the same number of the editor's steps. Only when the completion has no tabs
 * and the file's own indentation is in the editor's width.
 */
function rescaleLevels(text: string, site: Site): string {
  const tabSize = site.context.tabSize;
  if (site.context.insertSpaces !== true || tabSize === undefined) return text;
  const lines = text.split('\n');
  const base = indentWidth(site.lineIndent, tabSize);
  const steps = lines
    .slice(1)
    .filter((line) => !isBlank(line))
    .map((line) => leadingWhitespace(line).length - base)
    .filter((step) => step > 0);
  if (steps.length === 0) return text;
  const modelLevel = Math.min(...steps);
  if (modelLevel === tabSize || steps.some((step) => step % modelLevel !== 0)) return text;
  const fileLevel = Math.min(
    ...site.context.prefix
      .split('\n')
      .slice(-unitSampleLines)
      .map((line) => (isBlank(line) ? 0 : indentWidth(line, tabSize)))
      .filter((width) => width > 0),
  );
  if (fileLevel !== Infinity && fileLevel !== tabSize) return text;
  return lines
    .map((line, i) => {
      const width = leadingWhitespace(line).length;
      if (i === 0 || isBlank(line) || width < base) return line;
      const levels = (width - base) / modelLevel;
      return ' '.repeat(base + levels * tabSize) + line.trimStart();
    })
    .join('\n');
}

/** `columns` of indentation as the editor writes it (spaces when unknown). */
function indentation(columns: number, site: Site): string {
  const tabSize = site.context.tabSize ?? 4;
  if (site.context.insertSpaces !== false) return ' '.repeat(columns);
  return '\t'.repeat(Math.floor(columns / tabSize)) + ' '.repeat(columns % tabSize);
}
