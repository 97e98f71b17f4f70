// The command line of `npm start` (scripts/start.js), read into what the launcher does. Kept apart
// from the launcher so the rules are unit-tested (test/unit/startOptions.test.ts).

/** What `npm start -- …` asked for. */
export interface StartOptions {
  /** Start the project's test server with a canned answer and point the extension at it. */
  readonly demo: boolean;
  /** A fixed port for code-server; a free one when absent. */
  readonly port?: number;
  /**
   * User settings of the throwaway profile the development VS Code runs with (never the user's
   * own profile): the endpoint and model given on the command line.
   */
  readonly userSettings: Readonly<Record<string, string>>;
}

export const startUsage = `usage: npm start -- [--endpoint <url> [--model <id>] | --demo] [--port <number>]
  --endpoint <url>  a server you already run, with its API path, e.g.
                      llama.cpp  http://127.0.0.1:8080/v1
                      Ollama     http://127.0.0.1:11434/v1
                      vLLM       http://127.0.0.1:8000/v1
  --model <id>      the model id to ask for (the server's GET <url>/models lists them)
  --demo            the project's own test server with a canned answer: ghost text, no server
  --port <number>   a fixed port for code-server instead of a free one
A key, if the server wants one: TOKENHUB_API_KEY=<key> npm start -- --endpoint <url>`;

/** A command line `npm start` cannot run; the message says what to change. */
export class StartUsageError extends Error {}

/** Reads `npm start`'s arguments (what follows `--`); throws a {@link StartUsageError}. */
export function parseStartOptions(args: readonly string[]): StartOptions {
  let demo = false;
  let port: number | undefined;
  let endpoint: string | undefined;
  let model: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] ?? '';
    const [name, inline] = arg.startsWith('--') && arg.includes('=') ? splitOnce(arg) : [arg];
    const value = (): string => {
      const next = inline ?? args[++i];
      if (next === undefined || next === '' || next.startsWith('--')) {
        throw new StartUsageError(`${name} needs a value`);
      }
      return next;
    };
    switch (name) {
      case '--demo':
        demo = true;
        break;
      case '--endpoint':
        endpoint = baseUrl(value());
        break;
      case '--model':
        model = value().trim();
        break;
      case '--port':
        port = portNumber(value());
        break;
      default:
        throw new StartUsageError(`unknown argument ${JSON.stringify(arg)}`);
    }
  }
  if (demo && (endpoint !== undefined || model !== undefined)) {
    throw new StartUsageError(
      '--demo brings its own endpoint; give either --demo or --endpoint/--model',
    );
  }
  const userSettings: Record<string, string> = {};
  if (endpoint !== undefined) userSettings['tokenhub.baseUrl'] = endpoint;
  if (model !== undefined) userSettings['tokenhub.model'] = model;
  return { demo, ...(port !== undefined && { port }), userSettings };
}

/**
 * An http(s) URL with the API's path (`…/v1` on every server in the README), without a trailing
 * slash: the extension posts to `{baseUrl}/completions`.
 */
function baseUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StartUsageError(`--endpoint ${text} is not a URL; e.g. http://127.0.0.1:8080/v1`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new StartUsageError(`--endpoint must be http:// or https://, not ${url.protocol}//`);
  }
  if (url.username || url.password || url.search || url.hash) {
    throw new StartUsageError(
      '--endpoint takes the base URL only; a key goes in TOKENHUB_API_KEY, not in the URL',
    );
  }
  const trimmed = url.href.replace(/\/+$/, '');
  if (url.pathname === '/' || url.pathname === '') {
    throw new StartUsageError(
      `--endpoint ${text} has no API path: completions go to <endpoint>/completions, ` +
        `so give e.g. ${trimmed}/v1`,
    );
  }
  return trimmed;
}

function portNumber(text: string): number {
  const port = Number(text);
  if (!/^\d+$/.test(text) || port < 1 || port > 65_535) {
    throw new StartUsageError(`--port ${text} is not a port number (1 to 65535)`);
  }
  return port;
}

function splitOnce(arg: string): [string, string] {
  const at = arg.indexOf('=');
  return [arg.slice(0, at), arg.slice(at + 1)];
}
