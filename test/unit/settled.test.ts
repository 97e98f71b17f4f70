import * as assert from 'node:assert/strict';
import * as fc from 'fast-check';
import { present } from '../../src/core/postprocess/present';
import { grows, settledPresentation, settledText } from '../../src/core/postprocess/settled';

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
    assert.equal(settledPresentation('(', '', present), undefined);
    assert.equal(settledPresentation('   ', '', present), undefined);
    assert.deepEqual(settledPresentation('compute(', '', present), {
      text: 'compute(',
      replaceChars: 0,
    });
  });

  it('grows, never changes its start: each partial answer is a prefix of the next and of the whole', () => {
    const piece = fc.constantFrom('a', 'bc', ' ', '(', ')', ';', '.', '\n', '  ', 'x1', ',', '"');
    fc.assert(
      fc.property(
        fc.array(piece, { maxLength: 40 }),
        fc.constantFrom('singleLine' as const, 'multiLine' as const),
        fc.constantFrom('', ')', ');', ' + 1'),
        (pieces, mode, suffix) => {
          let shown: ReturnType<typeof settledPresentation>;
          let streamed = '';
          for (const p of pieces) {
            // The collector cuts a single line at its newline: the stream ends there.
            if (mode === 'singleLine' && p.includes('\n')) break;
            streamed += p;
            const stops = mode === 'multiLine' ? ['\n\n\n', '\n```'] : [];
            const next = settledPresentation(settledText(streamed, mode, stops), suffix, present);
            if (next === undefined) continue;
            assert.ok(grows(shown, next), `${JSON.stringify(shown)} -> ${JSON.stringify(next)}`);
            shown = next;
          }
          const whole = present(streamed, suffix);
          if (shown) assert.ok(grows(shown, whole), 'the whole answer extends what was shown');
        },
      ),
    );
  });
});
