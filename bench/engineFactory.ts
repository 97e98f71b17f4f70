import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompletionEngine, type EngineSettings } from '../src/core/engine';
import { silentLogger } from '../src/core/logger';

/**
 * Engine settings with the extension's shipped defaults, pointed at `baseUrl`, with the given
 * debounce. Every `tokenhub.inline.*` default in package.json is passed under its short name
 * (`tokenhub.inline.maxTokens` -> `maxTokens`), so settings added to the engine later get
 * their shipped value here without the benchmark (and everyone's typecheck) having to follow.
 * A loopback URL needs no API key, as for a local server.
 */
export function benchSettings(baseUrl: string, debounceMs: number): EngineSettings {
  const prefix = 'tokenhub.inline.';
  const inline = Object.fromEntries(
    Object.entries(shippedDefaults)
      .filter(([key]) => key.startsWith(prefix))
      .map(([key, value]) => [key.slice(prefix.length), value]),
  );
  for (const name of ['maxTokens', 'temperature', 'timeoutMs']) {
    if (typeof inline[name] !== 'number')
      throw new Error(`package.json has no default for ${name}`);
  }
  return {
    ...(inline as unknown as EngineSettings),
    baseUrl,
    model: 'test-model',
    stop: [],
    debounceMs,
  };
}

/** A real engine with no key and no logging; `fetch` defaults to the platform's. */
export function newEngine(settings: EngineSettings, fetchImpl?: typeof fetch): CompletionEngine {
  return new CompletionEngine({
    settings: () => settings,
    apiKey: () => undefined,
    logger: silentLogger,
    ...(fetchImpl ? { fetch: fetchImpl } : {}),
  });
}

interface PackageJson {
  contributes?: { configuration?: { properties?: Record<string, { default?: unknown }> } };
}

const shippedDefaults: Record<string, unknown> = (() => {
  const file = path.resolve(__dirname, '../../package.json');
  const pkg = JSON.parse(fs.readFileSync(file, 'utf8')) as PackageJson;
  const properties = pkg.contributes?.configuration?.properties ?? {};
  return Object.fromEntries(Object.entries(properties).map(([key, p]) => [key, p.default]));
})();
