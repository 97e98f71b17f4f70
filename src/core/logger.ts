/**
 * The logging surface the core writes to. The extension passes its LogOutputChannel (which
 * redacts secrets); unit tests pass a collector. The core never logs keys or full prompts
 * above `trace`.
 */
export interface Logger {
  trace(message: string): void;
  debug(message: string): void;
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** A logger that drops everything: the default where no log is wanted. */
export const silentLogger: Logger = {
  trace: () => undefined,
  debug: () => undefined,
  info: () => undefined,
  warn: () => undefined,
  error: () => undefined,
};
