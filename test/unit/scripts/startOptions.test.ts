import * as assert from 'assert';
import { parseStartOptions, StartUsageError } from '../../../scripts/startOptions';

/** The message parseStartOptions rejects `args` with. */
function rejection(args: string[]): string {
  try {
    parseStartOptions(args);
  } catch (error) {
    assert.ok(error instanceof StartUsageError, `not a usage error: ${String(error)}`);
    return error.message;
  }
  assert.fail(`accepted ${args.join(' ')}`);
}

describe('npm start arguments', () => {
  it('with none, starts with no settings of its own (the user sets key and endpoint inside)', () => {
    assert.deepStrictEqual(parseStartOptions([]), { demo: false, userSettings: {} });
  });

  it('points the throwaway profile at a server the user runs, with its model', () => {
    const options = parseStartOptions([
      '--endpoint',
      'http://127.0.0.1:11434/v1/',
      '--model=qwen2.5-coder:1.5b',
      '--port',
      '8080',
    ]);
    assert.deepStrictEqual(options, {
      demo: false,
      port: 8080,
      userSettings: {
        'tokenhub.baseUrl': 'http://127.0.0.1:11434/v1',
        'tokenhub.model': 'qwen2.5-coder:1.5b',
      },
    });
  });

  it('keeps the demo, which brings its own endpoint', () => {
    assert.deepStrictEqual(parseStartOptions(['--demo']), { demo: true, userSettings: {} });
    assert.match(rejection(['--demo', '--endpoint', 'http://127.0.0.1:8080/v1']), /either --demo/);
  });

  it('asks for the API path when the endpoint has none (posts go to <url>/completions)', () => {
    assert.match(
      rejection(['--endpoint', 'http://127.0.0.1:8080']),
      /http:\/\/127\.0\.0\.1:8080\/v1/,
    );
  });

  it('rejects what is not an http(s) base URL, and a key put into the URL', () => {
    assert.match(rejection(['--endpoint', 'localhost:8080/v1']), /http:\/\/ or https:\/\//);
    assert.match(rejection(['--endpoint', '127.0.0.1:8080']), /not a URL/);
    assert.match(rejection(['--endpoint', 'https://user:sk-1@host/v1']), /TOKENHUB_API_KEY/);
  });

  it('names a missing value, a bad port and an unknown argument', () => {
    assert.match(rejection(['--endpoint']), /--endpoint needs a value/);
    assert.match(rejection(['--model', '--demo']), /--model needs a value/);
    assert.match(rejection(['--port', '80a']), /not a port number/);
    assert.match(rejection(['--port', '70000']), /not a port number/);
    assert.match(rejection(['--url', 'x']), /unknown argument "--url"/);
  });
});
