/**
 * The most a completion reply may send, in bytes, whether streamed or as one JSON body. A
 * completion of a few hundred tokens is a few kilobytes even with every field servers add
 * (logprobs, timings); a reply past this is not one we asked for, and reading on would only
 * cost memory.
 */
export const MAX_RESPONSE_BYTES = 1024 * 1024;

/** Thrown by the body readers when a reply passes its byte cap. */
export class ResponseTooLargeError extends Error {
  override readonly name = 'ResponseTooLargeError';

  constructor(readonly limitBytes: number) {
    super(`The reply passed ${limitBytes} bytes.`);
  }
}
