import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { siteOf } from '../../../src/core/postprocess/context';
import { postprocess } from '../../../src/core/postprocess/pipeline';
import { grows, settledPresentation, settledText } from '../../../src/core/postprocess/settled';

/** Where a completion is asked for: mid-line, at a line's end, on an empty line in a block. */
const places = [
  { prefix: 'const total = sum(', suffix: ');\nreturn total;\n', languageId: 'typescript' },
  { prefix: 'const total = ', suffix: '\nreturn total;\n', languageId: 'typescript' },
  { prefix: 'function add(a, b) {\n  ', suffix: '\n}\n', languageId: 'typescript' },
];

describe('settled part of a running stream', () => {
  it('holds back the last word: the next token may still extend it', () => {
    assert.equal(settledText('compute(lef', 'singleLine', []), 'compute(');
    assert.equal(settledText('return total', 'singleLine', []), 'return ');
    assert.equal(settledText('a + b;', 'singleLine', []), 'a + b;');
    assert.equal(settledText('größe', 'singleLine', []), '');
  });

  it('holds back a tail that may be the start of a stop sequence', () => {
    assert.equal(settledText('value; // EN', 'singleLine', ['// END']), 'value; ');
    assert.equal(settledText('value; /', 'singleLine', ['// END']), 'value; ');
    assert.equal(settledText('value; -', 'singleLine', ['// END']), 'value; -');
  });

  it('in multi-line mode shows the first line as it streams, then only complete lines', () => {
    assert.equal(settledText('  const sum = a', 'multiLine', []), '  const sum = ');
    // The half line may be the dedent that ends the block: not shown until complete.
    assert.equal(
      settledText('  const sum = a + b;\n  return s', 'multiLine', ['\n\n\n']),
      '  const sum = a + b;',
    );
    assert.equal(
      settledText('  const sum = a + b;\n  return sum;\n', 'multiLine', ['\n\n\n']),
      '  const sum = a + b;\n  return sum;',
    );
  });

  it('is worth showing only with a complete word in it', () => {
    const place = { prefix: 'const v = ', suffix: '', languageId: 'typescript' };
    assert.equal(settledPresentation('(', siteOf(place)), undefined);
    assert.equal(settledPresentation('   ', siteOf(place)), undefined);
    assert.deepEqual(settledPresentation('compute(', siteOf(place)), {
      text: 'compute(',
      replaceChars: 0,
    });
  });

  it('grows, never changes its start: each partial answer is a prefix of the next and of the whole', () => {
    const piece = fc.constantFrom('a', 'bc', ' ', '(', ')', ';', '.', '\n', '  ', 'x1', ',', '"');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom(...places),
        (pieces, place) => {
          const site = siteOf(place);
          const { mode } = site;
          let shown: ReturnType<typeof settledPresentation>;
          let streamed = '';
          for (const p of pieces) {
            // The collector cuts a single line at its newline: the stream ends there.
            if (mode === 'singleLine' && p.includes('\n')) break;
            streamed += p;
            const next = settledPresentation(settledText(streamed, mode, ['\n\n\n']), site);
            if (next === undefined) continue;
            assert.ok(grows(shown, next), `${JSON.stringify(shown)} -> ${JSON.stringify(next)}`);
            shown = next;
          }
          const whole = postprocess(streamed, place, { final: true });
          if (shown) assert.ok(grows(shown, whole), 'the whole answer extends what was shown');
        },
      ),
    );
  });
});
