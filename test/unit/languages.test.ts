import * as assert from 'node:assert/strict';
import { languageEnabled } from '../../src/core/languages';

describe('languageEnabled', () => {
  it('takes the language’s own entry, then *, then on', () => {
    const map = { '*': true, plaintext: false, markdown: false };
    assert.equal(languageEnabled(map, 'typescript'), true);
    assert.equal(languageEnabled(map, 'plaintext'), false);
    assert.equal(languageEnabled({ '*': false, python: true }, 'python'), true);
    assert.equal(languageEnabled({ '*': false }, 'go'), false);
    assert.equal(languageEnabled({}, 'go'), true);
  });
});
