import * as assert from 'node:assert/strict';
import { redact } from '../../src/core/redact';

describe('redact', () => {
  it('removes every known secret', () => {
    const out = redact('key th-secret-123 then th-secret-123 again', ['th-secret-123']);
    assert.equal(out, 'key <redacted> then <redacted> again');
  });

  it('removes bearer tokens and sk- keys it was never told about', () => {
    assert.equal(
      redact('Authorization: Bearer abc.def-ghi', []),
      'Authorization: Bearer <redacted>',
    );
    assert.equal(redact('bad key sk-proj-ABCDEFGH1234 given', []), 'bad key <redacted> given');
  });

  it('leaves ordinary text alone, including very short “secrets”', () => {
    assert.equal(redact('status 401 from host', ['a', '']), 'status 401 from host');
  });
});
