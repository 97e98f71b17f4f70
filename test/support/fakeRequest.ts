import type { CompletionRequest } from '../../src/core/api/types';

/**
 * A completions request aimed at a fake fetch (nothing leaves the process), with `apiKey` so
 * tests can check the key never shows up in an error.
 */
export function fakeRequest(
  apiKey: string,
  overrides: Partial<CompletionRequest> = {},
): CompletionRequest {
  return {
    baseUrl: 'http://fake.test/v1',
    apiKey,
    model: 'm',
    prompt: 'p',
    maxTokens: 16,
    temperature: 0,
    stop: [],
    timeoutMs: 5000,
    ...overrides,
  };
}
