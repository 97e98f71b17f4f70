/**
 * Facts about the configured endpoint URL that do not need a request. A loopback server
 * (Ollama, llama.cpp, vLLM on this machine) usually needs no key, so completions go out
 * without one there; anywhere else a missing key would only earn a 401.
 */
export function isLoopback(baseUrl: string): boolean {
  let host: string;
  try {
    host = new URL(baseUrl).hostname;
  } catch {
    return false;
  }
  return host === 'localhost' || host === '[::1]' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** The host part of a URL for logs and messages (never the path, query or credentials). */
export function hostOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).host;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * Why a base URL cannot be used, or undefined when it can. A URL with a user name or password
 * is refused too: fetch would repeat the whole URL, password included, in its error messages.
 */
export function baseUrlProblem(baseUrl: string): string | undefined {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return 'it is not a URL; expected something like https://api.tokenhub.ai/v1';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return `${url.protocol} is not supported; the base URL must start with http:// or https://`;
  }
  if (url.username || url.password) {
    return 'the base URL must not contain a user name or password; set the key with "TokenHub: Set API Key"';
  }
  return undefined;
}

/** `scheme://host[:port]` of a URL, the unit a key is bound to; '' for an invalid URL. */
export function originOf(baseUrl: string): string {
  try {
    return new URL(baseUrl).origin;
  } catch {
    return '';
  }
}

/** True when a key would travel unencrypted over the network (plain http, not loopback). */
export function isPlainHttpRemote(baseUrl: string): boolean {
  return baseUrl.trim().toLowerCase().startsWith('http:') && !isLoopback(baseUrl);
}
