/** Plain-text layout helpers for the printed report. */

const indent = '   ';
const width = 100;

/**
 * A table with a header row. Columns listed in `left` are left-aligned (names, prose); the
 * others are right-aligned (numbers).
 */
export function table(
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
  left: readonly number[] = [0],
): string {
  const cells = [header, ...rows].map((r) => r.map((c) => String(c)));
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: readonly string[]) =>
    indent +
    r
      .map((c, i) => (left.includes(i) ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return cells.map(line).join('\n');
}

/** Prose wrapped at 100 columns, indented under its section heading. */
export function paragraph(text: string): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/)) {
    if (current && indent.length + current.length + 1 + word.length > width) {
      lines.push(indent + current);
      current = word;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) lines.push(indent + current);
  return lines.join('\n');
}

/** Milliseconds for the report: '-' when unknown, 'never' for a ghost text that never came. */
export function ms(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined) return '-';
  if (value === Infinity) return 'never';
  return `${value.toFixed(digits)} ms`;
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(1)} MB`;
}

export function minutes(msValue: number): string {
  const s = Math.round(msValue / 1000);
  return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
}
