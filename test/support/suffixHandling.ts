/**
 * What each server does with a `suffix` key on `POST /v1/completions`
 * (fim-and-context.md §1, servers.md §1c, §2.19), and the words it refuses it in.
 */
import type { ServerStyle } from './dialects';
import { goJson, pythonJson } from './jsonStyles';

/**
 * `honoured`: fills the middle; `ignored`: a 200 as if there were none (the newest llama.cpp;
 * undocumented servers); `refused`: an error before any text.
 */
export type SuffixHandling = 'honoured' | 'ignored' | 'refused';

/** Each server's default; a `Reply.suffix` overrides it (an Ollama model without FIM, an older llama.cpp…). */
export const SUFFIX_HANDLING: Readonly<Record<ServerStyle, SuffixHandling>> = {
  openai: 'honoured', // gpt-3.5-turbo-instruct
  vllm: 'refused', // 400, even for ""
  vllmLegacy: 'refused',
  llamacpp: 'refused', // 500 "Unsupported param: suffix", seen live; the newest builds ignore it
  llamacppNative: 'ignored',
  ollama: 'honoured', // models whose template uses .Suffix; others refuse (override)
  tgi: 'refused', // 422, any value
  openrouter: 'ignored', // undocumented
  deepseek: 'honoured', // on /beta
  localai: 'ignored', // undocumented
  together: 'ignored', // undocumented
  lmstudio: 'ignored', // undocumented
};

/** Whether a request body carries a suffix as the server counts it (Ollama: "" is none). */
export function hasSuffix(body: unknown, style: ServerStyle): boolean {
  if (typeof body !== 'object' || body === null || !('suffix' in body)) return false;
  return style !== 'ollama' || (body as { suffix: unknown }).suffix !== '';
}

/** The server's refusal of `suffix`: status and body. */
export function suffixRefusal(style: ServerStyle, model: string): { status: number; body: string } {
  switch (style) {
    case 'vllm':
      return {
        status: 400,
        body: pythonJson({
          error: {
            message: 'suffix is not currently supported',
            type: 'BadRequestError',
            param: null,
            code: 400,
          },
        }),
      };
    case 'vllmLegacy':
      return {
        status: 400,
        body: pythonJson({
          object: 'error',
          message: 'suffix is not currently supported',
          type: 'BadRequestError',
          param: null,
          code: 400,
        }),
      };
    case 'llamacpp':
    case 'llamacppNative':
      return {
        status: 500,
        body: JSON.stringify({
          error: { code: 500, message: 'Unsupported param: suffix', type: 'server_error' },
        }),
      };
    case 'tgi':
      return {
        status: 422,
        body: JSON.stringify({
          error: 'Suffix is not supported and can be achieved by preprocessing the prompt.',
          error_type: 'validation',
        }),
      };
    case 'ollama':
      return {
        status: 400,
        body: `${goJson({ error: { message: `"${model}" does not support insert`, type: 'invalid_request_error', param: null, code: null } })}\n`,
      };
    default:
      return {
        status: 400,
        body: JSON.stringify({
          error: {
            message: 'suffix is not supported for this model',
            type: 'invalid_request_error',
            param: 'suffix',
            code: null,
          },
        }),
      };
  }
}
