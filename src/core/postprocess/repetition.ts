import { splitLines } from './blockEnd';
import type { Site } from './context';
import { isBlank, squash } from './lines';

/** Consecutive equal lines that make a loop (a model stuck repeating itself). */
const loopLines = 4;
/** A unit of one character repeated this often along a line is a loop. */
const singleCharRepeats = 16;
/** Longer units (up to `longestUnit` characters) loop when they cover this many characters. */
const loopChars = 24;
const longestUnit = 12;
/** Runs of one of these characters are decoration (`// -----`, `#####`) or data (`0000`), not a loop. */
const decorative = /^[-=*#/_~+.<>|\s0]$/;
/**
 * Units of digits and separators are data (`0, 0, 0, …`), units of decoration are tables and
 * rules (`---|---|`), however often repeated.
 */
const numeric = /^[\d\s,.;x]*$/;
const unitPatterns = Array.from({ length: longestUnit - 1 }, (_, i) => {
  const length = i + 2;
  const repeats = Math.max(3, Math.ceil(loopChars / length));
  return new RegExp(`(.{${length}})\\1{${repeats - 1},}`);
});
const singleCharLoop = new RegExp(`(\\S)\\1{${singleCharRepeats - 1},}`);
/** The shortest line any loop above can fill: shorter lines are not searched at all. */
const shortestLoop = Math.min(singleCharRepeats, loopChars);

/**
 * Where a repetition loop starts in `text` (from `start`): at the second of `loopLines` equal
 * lines (the first is kept), or at the start of a line that repeats a short unit over and
 * over (`a, a, a, a…`, `))))))…`). Undefined when there is none (so far).
 */
export function repetitionCut(
  text: string,
  start: number,
  site: Site,
  final: boolean,
): number | undefined {
  const lines = splitLines(text.slice(start), final);
  let run = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (!line) break;
    if (repeatsUnit(line.text)) return start + Math.max(0, line.start - (i > 0 ? 1 : 0));
    if (!line.complete) break;
    const previous = lines[i - 1];
    const same =
      previous !== undefined &&
      !isBlank(line.text) &&
      !site.language.closesBlock(line.text) &&
      squash(line.text) === squash(previous.text);
    run = same ? run + 1 : 1;
    if (run >= loopLines) {
      const second = lines[i - loopLines + 2];
      return second ? start + second.start - 1 : undefined;
    }
  }
  return undefined;
}

/**
 * Whether a line repeats a short unit. Runs on every line of every streamed piece, so the
 * patterns are built once and lines too short to hold a loop are not searched.
 */
function repeatsUnit(line: string): boolean {
  if (line.length < shortestLoop) return false;
  const single = singleCharLoop.exec(line);
  if (single?.[1] && !decorative.test(single[1])) return true;
  return unitPatterns.some((pattern) => {
    const unit = pattern.exec(line)?.[1];
    return unit !== undefined && !numeric.test(unit) && !/^[-=*#/_~+.<>|:\s]+$/.test(unit);
  });
}
