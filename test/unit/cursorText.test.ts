import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  cursorTextAt,
  linesDocumentText,
  type DocumentLines,
  type DocumentText,
  type LinePosition,
} from '../../src/core/cursorText';

/** `text` stored as lines, the way an editor stores it, with `eol` between them. */
function linesOf(text: string, eol: string): DocumentLines {
  const lines = text.split(eol);
  const offsetOf = ({ line, character }: LinePosition) =>
    lines.slice(0, line).reduce((sum, l) => sum + l.length + eol.length, 0) + character;
  return {
    lineCount: lines.length,
    eolLength: eol.length,
    lineLength: (line) => (lines[line] ?? '').length,
    textBetween: (start, end) => text.slice(offsetOf(start), offsetOf(end)),
  };
}

/**
 * The whole document as one string, read the way VS Code's `positionAt` reads an offset that
 * falls between the two characters of a CRLF: at the end of that line.
 */
function wholeText(text: string): DocumentText {
  const snap = (offset: number) =>
    text[offset - 1] === '\r' && text[offset] === '\n' ? offset - 1 : offset;
  return { length: text.length, textBetween: (start, end) => text.slice(snap(start), snap(end)) };
}

describe('cursor text read by lines', () => {
  it('gives the windows of the whole document, walking only the lines around the cursor', () => {
    const line = fc.stringMatching(/^[a-z {}();=\u00e9\u2713]{0,120}$/);
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 400 }),
        fc.constantFrom('\n', '\r\n'),
        fc.nat(),
        fc.nat(),
        (lines, eol, lineSeed, characterSeed) => {
          const text = lines.join(eol);
          const cursorLine = lineSeed % lines.length;
          const character = characterSeed % ((lines[cursorLine] ?? '').length + 1);
          const offset =
            lines.slice(0, cursorLine).reduce((sum, l) => sum + l.length + eol.length, 0) +
            character;
          const known = { line: cursorLine, character, offset };
          const byLines = linesDocumentText(linesOf(text, eol), text.length, known);
          assert.deepEqual(cursorTextAt(byLines, offset), cursorTextAt(wholeText(text), offset));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('reads a window that starts lines above the cursor from the right character', () => {
    const text = ['alpha', 'beta', 'gamma', 'delta'].join('\r\n');
    const offset = text.indexOf('delta') + 2;
    const doc = linesDocumentText(linesOf(text, '\r\n'), text.length, {
      line: 3,
      character: 2,
      offset,
    });
    assert.equal(doc.textBetween(2, offset), 'pha\r\nbeta\r\ngamma\r\nde');
    assert.equal(doc.textBetween(offset, text.length), 'lta');
  });
});
