/**
 * Reading the server's own words out of error bodies. Every server words its errors
 * differently (servers.md §1d): OpenAI-style `{"error":{"message"}}`, vLLM's string
 * `{"error":"Unauthorized"}`, vLLM legacy's flat `{"object":"error","message"}`, TGI's
 * `{"error":"…","error_type"}`, FastAPI's `{"detail"}`, text/plain, and HTML from proxies.
 */

import { kindForStatus, type ApiErrorKind } from './errors';
import { isRecord, tryParseJson } from './json';

/** Longest message we keep: enough for any real server message, short enough for a status bar. */
export const MAX_MESSAGE_CHARS = 300;

/** An error a server reported inside a JSON payload (a 200 body or a stream event). */
export interface PayloadError {
  readonly message: string;
  /** A status code found in the payload (TGI `http_status_code`, vLLM/OpenRouter numeric `code`). */
  readonly status: number | undefined;
  /**
   * What kind of failure the payload reports: from its status code, else from its `type`,
   * `code` or `error_type` name, else `protocol` (a bare `{"error":"…"}` says nothing more).
   */
  readonly kind: ApiErrorKind;
}

/**
 * Error type and code names servers put in payloads without a numeric status (servers.md §1d),
 * by the kind their HTTP twin would have. Matched whole, never as patterns.
 */
const KIND_BY_ERROR_NAME: ReadonlyMap<string, ApiErrorKind> = new Map<string, ApiErrorKind>([
  // OpenAI, DeepSeek, Together (`type` / `code`), llama.cpp, Ollama.
  ['authentication_error', 'unauthorized'],
  ['invalid_api_key', 'unauthorized'],
  ['permission_error', 'unauthorized'],
  ['not_found_error', 'notFound'],
  ['model_not_found', 'notFound'],
  ['NotFoundError', 'notFound'],
  ['rate_limit_exceeded', 'rateLimited'],
  ['rate_limit_error', 'rateLimited'],
  ['insufficient_quota', 'rateLimited'],
  ['invalid_request_error', 'badRequest'],
  ['BadRequestError', 'badRequest'],
  ['server_error', 'server'],
  ['api_error', 'server'],
  ['unavailable_error', 'server'],
  ['InternalServerError', 'server'],
  // TGI `error_type`: 429 overloaded, 422 validation, 424 generation, 500 incomplete_generation.
  ['overloaded', 'rateLimited'],
  ['validation', 'badRequest'],
  ['generation', 'server'],
  ['incomplete_generation', 'server'],
]);

/**
 * The message to show for an HTTP error body: the JSON message when there is one, the
 * `<title>` of an HTML page, otherwise the raw text; whitespace collapsed, at most
 * {@link MAX_MESSAGE_CHARS} characters. Empty when the body says nothing.
 */
export function errorMessageFromText(text: string, contentType?: string | null): string {
  if (isHtml(text, contentType)) return htmlSummary(text);
  const json = tryParseJson(text);
  const fromJson = json === undefined ? undefined : messageFromJson(json);
  return oneLine(fromJson ?? text);
}

/**
 * The error inside a parsed payload, or undefined when the payload is not an error. Checked on
 * every event before `choices` is read (servers.md §2.7): `{"error":{…}}`, `{"error":"…"}`,
 * `{"object":"error",…}`, TGI's `http_status_code`, OpenRouter's `error` + `finish_reason`.
 */
export function payloadError(value: unknown): PayloadError | undefined {
  if (!isRecord(value)) return undefined;
  // Some servers put `"error": null` on ordinary chunks; only a present value is an error.
  const hasError = value.error !== undefined && value.error !== null && value.error !== false;
  if (!hasError && value.object !== 'error') return undefined;
  const status = statusInPayload(value);
  return {
    message: oneLine(messageFromJson(value) ?? JSON.stringify(value)),
    status,
    kind: status === undefined ? (kindFromNames(value) ?? 'protocol') : kindForStatus(status),
  };
}

/**
 * servers.md §2.26: `e.error?.message ?? (typeof e.error === 'string' ? e.error : undefined)
 * ?? e.message ?? e.detail`, where FastAPI's validation `detail` is a list of `{msg}`.
 */
function messageFromJson(value: unknown): string | undefined {
  if (!isRecord(value)) return undefined;
  const error = value.error;
  return (
    nonEmptyString(isRecord(error) ? error.message : undefined) ??
    nonEmptyString(error) ??
    nonEmptyString(value.message) ??
    nonEmptyString(value.detail) ??
    detailList(value.detail)
  );
}

function detailList(detail: unknown): string | undefined {
  if (!Array.isArray(detail)) return undefined;
  const messages = detail
    .map((item) => (isRecord(item) ? nonEmptyString(item.msg) : undefined))
    .filter((m): m is string => m !== undefined);
  return messages.length > 0 ? messages.join('; ') : undefined;
}

function statusInPayload(value: Record<string, unknown>): number | undefined {
  const error = isRecord(value.error) ? value.error : {};
  for (const candidate of [error.http_status_code, error.status, error.code, value.code]) {
    // OpenAI's `code` is a string like "invalid_api_key"; only HTTP-like numbers count.
    if (typeof candidate === 'number' && Number.isInteger(candidate)) {
      if (candidate >= 100 && candidate <= 599) return candidate;
    }
  }
  return undefined;
}

function kindFromNames(value: Record<string, unknown>): ApiErrorKind | undefined {
  const error = isRecord(value.error) ? value.error : {};
  for (const name of [error.type, error.code, value.type, value.code, value.error_type]) {
    const kind = typeof name === 'string' ? KIND_BY_ERROR_NAME.get(name) : undefined;
    if (kind) return kind;
  }
  return undefined;
}

function isHtml(text: string, contentType: string | null | undefined): boolean {
  if (contentType?.toLowerCase().includes('html')) return true;
  return /^\s*<(!doctype html|html)/i.test(text);
}

/** A proxy's error page is kilobytes of markup; its title ("502 Bad Gateway") is the news. */
function htmlSummary(html: string): string {
  for (const tag of ['title', 'h1']) {
    const match = new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'i').exec(html);
    const inner = match?.[1] ? oneLine(decodeEntities(match[1].replace(/<[^>]*>/g, ''))) : '';
    if (inner !== '') return inner;
  }
  return 'HTML error page';
}

function decodeEntities(text: string): string {
  const named: Record<string, string> = {
    amp: '&',
    lt: '<',
    gt: '>',
    quot: '"',
    apos: "'",
    nbsp: ' ',
  };
  return text.replace(/&(#\d+|#x[0-9a-f]+|[a-z]+);/gi, (whole, name: string) => {
    if (name.startsWith('#')) {
      const code =
        name[1] === 'x' || name[1] === 'X'
          ? parseInt(name.slice(2), 16)
          : parseInt(name.slice(1), 10);
      return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return named[name.toLowerCase()] ?? whole;
  });
}

/**
 * Collapses whitespace (messages end up on one status-bar line) and truncates to
 * {@link MAX_MESSAGE_CHARS}.
 */
export function oneLine(text: string): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= MAX_MESSAGE_CHARS) return flat;
  let cut = flat.slice(0, MAX_MESSAGE_CHARS - 1);
  // Do not leave half of a surrogate pair at the end.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}
