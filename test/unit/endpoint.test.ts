import * as assert from 'node:assert/strict';
import {
  baseUrlProblem,
  hostOf,
  isLoopback,
  isPlainHttpRemote,
  originOf,
} from '../../src/core/endpoint';

describe('endpoint', () => {
  it('recognises loopback servers, which may be used without a key', () => {
    for (const url of [
      'http://localhost:11434/v1',
      'http://127.0.0.1:8080/v1',
      'http://[::1]:1234/v1',
    ]) {
      assert.equal(isLoopback(url), true, url);
    }
    for (const url of [
      'https://api.tokenhub.ai/v1',
      'http://192.168.1.2/v1',
      'not a url',
      'http://127.0.0.1.evil.com/v1',
    ]) {
      assert.equal(isLoopback(url), false, url);
    }
  });

  it('names only the host, never credentials or paths', () => {
    assert.equal(hostOf('https://user:pw@api.example.com:8443/v1?key=x'), 'api.example.com:8443');
  });

  it('explains what is wrong with a base URL', () => {
    assert.equal(baseUrlProblem('https://api.tokenhub.ai/v1'), undefined);
    assert.match(baseUrlProblem('api.tokenhub.ai/v1') ?? '', /not a URL/);
    assert.match(baseUrlProblem('ftp://host/v1') ?? '', /http:\/\/ or https:\/\//);
    assert.match(baseUrlProblem('https://u:p@host/v1') ?? '', /user name or password/);
  });
});

describe('key safety facts', () => {
  it('binds a key to scheme, host and port', () => {
    assert.equal(originOf('https://api.tokenhub.ai/v1'), 'https://api.tokenhub.ai');
    assert.equal(originOf('http://localhost:11434/v1'), 'http://localhost:11434');
    assert.equal(originOf('nonsense'), '');
  });

  it('flags plain http to another machine, not to this one', () => {
    assert.equal(isPlainHttpRemote('http://10.0.0.5:8000/v1'), true);
    assert.equal(isPlainHttpRemote('http://127.0.0.1:8000/v1'), false);
    assert.equal(isPlainHttpRemote('https://10.0.0.5/v1'), false);
  });
});
