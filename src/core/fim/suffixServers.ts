/**
 * Which endpoints are known to honour `suffix` on `POST /completions` (fim-and-context.md §1).
 * Anything else is not known to: llama.cpp refuses it (older builds, 500) or silently ignores
 * it (newest), vLLM and TGI refuse it even empty, and for LM Studio, OpenRouter, LocalAI and
 * Together it is undocumented — a 200 there does not prove the suffix was used.
 */

/** Why this endpoint takes `suffix`, or undefined when it is not known to. */
export function suffixFieldReason(baseUrl: string, model: string): string | undefined {
  // `openai/gpt-3.5-turbo-instruct` on TokenHub and OpenRouter, `gpt-3.5-turbo-instruct-0914`.
  const name = model.toLowerCase().split('/').pop() ?? '';
  if (name.startsWith('gpt-3.5-turbo-instruct')) {
    return 'gpt-3.5-turbo-instruct takes `suffix` (the only OpenAI model that does)';
  }
  const url = parse(baseUrl);
  if (url && /(^|\.)deepseek\.com$/.test(url.hostname) && url.pathname.startsWith('/beta')) {
    return "DeepSeek's /beta endpoint takes `suffix`";
  }
  if (isOllama(baseUrl)) {
    return 'Ollama fills the middle with the model’s own template when it has one';
  }
  return undefined;
}

/**
 * Ollama, recognised by its port (11434) or its name in the host. Without a suffix it wraps the
 * prompt of an instruct model in the chat template, so FIM tokens written into the prompt would
 * arrive inside a chat turn: there the field is the only way to fill the middle.
 */
export function isOllama(baseUrl: string): boolean {
  const url = parse(baseUrl);
  return url !== undefined && (url.port === '11434' || url.hostname.includes('ollama'));
}

function parse(baseUrl: string): URL | undefined {
  try {
    return new URL(baseUrl);
  } catch {
    return undefined;
  }
}
