import type { EngineSettings } from '../../src/core/engine';

/**
 * Engine settings for tests against the test server: no debounce, one candidate, generous
 * timers (a busy machine must not turn a slow test into a timeout), and whatever the test
 * overrides.
 */
export function testSettings(
  baseUrl: string,
  overrides: Partial<EngineSettings> = {},
): EngineSettings {
  return {
    baseUrl,
    model: 'test-model',
    maxTokens: 64,
    temperature: 0.2,
    stop: [],
    debounceMs: 0,
    candidates: 1,
    timeoutMs: 5000,
    firstTokenTimeoutMs: 5000,
    idleTimeoutMs: 5000,
    ...overrides,
  };
}
