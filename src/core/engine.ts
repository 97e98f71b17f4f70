import { ApiError, isAbortError } from './api/errors';
import { EngineStatus, type EngineState } from './engineStatus';
import { Backoff } from './timing/backoff';
import { CompletionCache } from './cache';
import { AdaptiveDebounce } from './timing/adaptiveDebounce';
import { FimDecisions, type FimSetting } from './fim/fimDecisions';
import { debounce } from './timing/debounce';
import { InFlightRequest } from './inflight';
import { GrowingAnswer } from './growingAnswer';
import { baseUrlProblem, hostOf, isLoopback } from './endpoint';
import type { Logger } from './logger';
import { EngineMetrics } from './metrics';
import { tokensUsed, type TokenCount } from './usage';
import { CompletionCollector } from './postprocess/collector';
import { siteOf, type EditorIndentation } from './postprocess/context';
import { postprocess, postprocessAt } from './postprocess/pipeline';
import { present, type Presentation } from './postprocess/present';
import type { DocumentContext } from './prompt/buildPrompt';
import { CONTEXT_BUDGET_CHARS } from './prompt/budget';
import { requestStream } from './requestStream';
import type { ContextSource } from './context/contextSource';
import { anchorAt } from './anchor';
import type { CursorText } from './cursorText';

/**
 * How long a request nobody waits for keeps streaming: VS Code asks again within ~50 ms of a
 * keystroke, so a request the user is typing through is joined well inside this.
 */
const orphanGraceMs = 250;

/** How warm alternatives on an explicit trigger are sampled, so they differ from the first. */
const alternativeTemperature = 0.7;

/** The settings the engine reads on every completion (a snapshot; never cached here). */
export interface EngineSettings {
  readonly baseUrl: string;
  readonly model: string;
  readonly maxTokens: number;
  readonly temperature: number;
  /** The user's extra stop sequences. */
  readonly stop: readonly string[];
  readonly debounceMs: number;
  /** Suggestions on an explicit trigger (1 = no alternatives). */
  readonly candidates: number;
  /** Overall deadline, time to the first text, and the longest silence mid-stream. */
  readonly timeoutMs: number;
  readonly firstTokenTimeoutMs: number;
  readonly idleTimeoutMs: number;
  /** `tokenhub.inline.fim` and `tokenhub.inline.fimTemplate` (validated); default `auto`. */
  readonly fim?: FimSetting;
  readonly fimTemplate?: string;
}

export interface EngineDeps {
  readonly settings: () => EngineSettings;
  /** The resolved API key, or undefined when none is configured. Must be cheap: called per request. */
  readonly apiKey: () => string | undefined;
  readonly logger: Logger;
  /** Injected in tests; the platform's global fetch otherwise. */
  readonly fetch?: typeof fetch;
  /** Snippets of other files for the prompt; asked only for a request that is really sent. */
  readonly context?: ContextSource;
}

/** A request for ghost text at one cursor position. */
export interface CompletionQuery extends DocumentContext, CursorText, EditorIndentation {
  /**
   * `automatic` waits for a pause in typing; `explicit` (Alt+\) skips the debounce and any
   * back-off; `prefetch` (right after an accepted suggestion) skips the debounce only;
   * `refresh` (asked again at a partial answer's spot, see {@link CompletionEngine.onGrowth})
   * answers from the stream or the cache only and never starts a request.
   */
  readonly trigger: 'automatic' | 'explicit' | 'prefetch' | 'refresh';
}

/**
 * The completion pipeline: cache -> request in flight -> debounce -> new request (superseding
 * the older one) -> early stop -> post-process. Plain data in, plain data out; the VS Code
 * adapter turns its CancellationToken into the AbortSignal passed here.
 */
export class CompletionEngine {
  private readonly cache = new CompletionCache();
  private readonly backoff = new Backoff();
  private readonly pause = new AdaptiveDebounce();
  /** How each endpoint and model fills the middle: decided once, changed by a refusal. */
  readonly fim = new FimDecisions((message) => this.deps.logger.info(message));
  private readonly growing = new GrowingAnswer();
  /**
   * Set after a rejected key or an unknown model: the same request would fail the same way,
   * so automatic requests wait until the settings or the key change (or Alt+\ succeeds).
   */
  private configRejected = false;
  /** What the engine did so far (in memory only). */
  readonly metrics = new EngineMetrics();
  private readonly status = new EngineStatus();
  private readonly usageListeners = new Set<(count: TokenCount) => void>();
  private inFlight: InFlightRequest | undefined;

  constructor(private readonly deps: EngineDeps) {}

  /**
   * Ghost text for the query, or undefined when there is none (or the call was cancelled).
   * Automatic calls may be answered before the stream ends with its settled part; the engine
   * then tells {@link onGrowth} listeners when asking again at that spot would show more (or
   * the stream ended), and a `refresh` call there answers with what has arrived.
   */
  async complete(query: CompletionQuery, signal: AbortSignal): Promise<Presentation | undefined> {
    this.growing.forget();
    const refresh = query.trigger === 'refresh';
    const cached = this.cache.get(query);
    if (cached !== undefined) {
      if (!refresh) this.metrics.cacheHits++;
      // The rest of a suggestion already on screen: not counted as shown again.
      return present(cached, query.suffix);
    }
    const asked = Date.now();

    const running = this.inFlight;
    if (running?.couldAnswer(query)) {
      // The user is typing what the running request is streaming: wait for it instead of
      // paying for another. Only if its text turns out to go elsewhere is a new one needed.
      this.deps.logger.trace('joining the request in flight');
      const joined = await running.join(query, signal, this.growing.rule(running, query));
      if (joined.kind === 'partial') {
        if (!refresh) this.metrics.requestsJoined++;
        return this.answer(running, joined, query, refresh ? undefined : asked);
      }
      if (joined.kind === 'answered') {
        if (!refresh) this.metrics.requestsJoined++;
        this.metrics.recordLatency(Date.now() - asked);
        // Typed through the start of what was shown: the rest of it, as post-processed at the
        // request's own position (the cache holds it once the request ended).
        const rest = this.cache.get(query);
        return rest === undefined ? undefined : this.counted(present(rest, query.suffix));
      }
      if (joined.kind !== 'diverged' || signal.aborted) return undefined;
    } else if (refresh) {
      // Asked again after a stream ended without an answer (it broke off or went elsewhere):
      // nothing to add, and a refresh never starts a request.
      return undefined;
    } else if (query.trigger !== 'explicit') {
      // While the server asked us to wait (or is unreachable), automatic requests are not
      // sent at all; an explicit Alt+\ still is.
      if (this.configRejected || !this.backoff.canSend()) return undefined;
      if (query.trigger === 'automatic') {
        const wait = this.pause.next(this.deps.settings().debounceMs, query.prefix, query.suffix);
        if (!(await debounce(wait, signal))) return undefined;
      }
    }
    if (refresh) return undefined;

    const request = this.startRequest(query);
    if (!request) return undefined;
    const joined = await request.join(query, signal, this.growing.rule(request, query));
    if (joined.kind !== 'answered' && joined.kind !== 'partial') return undefined;
    return this.answer(request, joined, query, asked);
  }

  /** Subscribes to "a partial answer can grow (or its stream ended): ask again there". */
  onGrowth(listener: () => void): () => void {
    return this.growing.onGrowth(listener);
  }

  /** Shows a joined answer: a partial one is watched so the caller can grow it. */
  private answer(
    request: InFlightRequest,
    joined: { readonly kind: 'answered' | 'partial'; readonly text: string },
    query: CompletionQuery,
    asked: number | undefined,
  ): Presentation | undefined {
    if (asked !== undefined) this.metrics.recordLatency(Date.now() - asked);
    if (joined.kind === 'answered') return this.show(joined.text, query);
    return this.growing.show(request, joined.text, query);
  }

  /**
   * Several different suggestions for an explicit trigger (Alt+\), cycled with Alt+] and Alt+[:
   * the usual one plus alternatives sampled warmer, asked in parallel (one request each:
   * `n > 1` cannot be streamed on every server). Duplicates are dropped.
   */
  async candidates(query: CompletionQuery, signal: AbortSignal): Promise<Presentation[]> {
    const alternatives = Array.from({ length: this.deps.settings().candidates - 1 }, () =>
      this.startRequest(query, alternativeTemperature),
    );
    const answers = await Promise.all([
      this.complete(query, signal),
      ...alternatives.map(async (request) => {
        const joined = await request?.join(query, signal);
        return joined?.kind === 'answered' ? this.show(joined.text, query) : undefined;
      }),
    ]);
    const unique = new Map<string, Presentation>();
    for (const answer of answers)
      if (answer && !unique.has(answer.text)) unique.set(answer.text, answer);
    return [...unique.values()];
  }

  private show(completion: string, query: CompletionQuery): Presentation | undefined {
    return this.counted(postprocess(completion, query, { final: true }));
  }

  private counted(shown: Presentation | undefined): Presentation | undefined {
    this.metrics.charsShown += shown?.text.length ?? 0;
    return shown;
  }

  /** Subscribes to the tokens each request cost; returns the unsubscribe function. */
  onUsage(listener: (count: TokenCount) => void): () => void {
    this.usageListeners.add(listener);
    return () => this.usageListeners.delete(listener);
  }

  /** Subscribes to state changes; returns the unsubscribe function. */
  onStateChange(listener: (state: EngineState) => void): () => void {
    return this.status.onChange(listener);
  }

  get state(): EngineState {
    return this.status.current;
  }

  /**
   * Forgets cached completions and the last outcome: called when the endpoint, model or key
   * changed, since neither says anything about the new configuration.
   */
  reset(): void {
    this.cache.clear();
    this.backoff.onSuccess();
    this.configRejected = false;
    this.status.settle({ kind: 'ready' });
  }

  /**
   * Starts a request for the query; undefined when none may go. The main request supersedes
   * the one in flight and fills the cache; an alternative (given its own temperature) does
   * neither.
   */
  private startRequest(
    query: CompletionQuery,
    alternativeAt?: number,
  ): InFlightRequest | undefined {
    const main = alternativeAt === undefined;
    const settings = this.deps.settings();
    const problem = baseUrlProblem(settings.baseUrl);
    if (problem) {
      this.status.settle({ kind: 'error', message: `tokenhub.baseUrl: ${problem}` });
      return undefined;
    }
    const apiKey = this.deps.apiKey();
    if (!apiKey && !isLoopback(settings.baseUrl)) {
      this.status.settle({ kind: 'noKey', host: hostOf(settings.baseUrl) });
      return undefined;
    }

    // The request in flight cannot answer this position (or it would have been joined): abort
    // it so the server stops generating text nobody will see.
    if (main) this.inFlight?.abort();

    const site = siteOf(query);
    const stream = requestStream(query, {
      settings,
      apiKey,
      temperature: alternativeAt ?? settings.temperature,
      // Other files' snippets, retrieved once: a FIM fallback rebuilds the prompt with them.
      snippets: this.deps.context?.snippetsFor(query, CONTEXT_BUDGET_CHARS) ?? [],
      fim: this.fim,
      options: { logger: this.deps.logger, ...(this.deps.fetch ? { fetch: this.deps.fetch } : {}) },
    });
    const request = new InFlightRequest(
      anchorAt(query),
      new CompletionCollector(stream.stops, site),
      (signal) => stream.open(signal),
      orphanGraceMs,
    );
    if (main) this.inFlight = request;
    this.metrics.requestsStarted++;
    this.status.requestStarted();
    const started = Date.now();
    void request.finished.then((result) => {
      if (this.inFlight === request) this.inFlight = undefined;
      this.metrics.charsReceived += request.charsReceived;
      if (request.wasAborted) this.metrics.requestsAborted++;
      // A request the server received costs its prompt even when it was cut short.
      if (result.kind === 'completed' || isAbortError(result.error)) {
        const usage = result.kind === 'completed' ? result.usage : undefined;
        const count = tokensUsed(stream.promptChars(), request.charsReceived, usage);
        for (const listener of this.usageListeners) listener(count);
      }
      if (result.kind === 'failed') return this.status.requestEnded(this.stateAfter(result.error));
      this.backoff.onSuccess();
      this.configRejected = false;
      this.deps.logger.debug(
        `${site.mode} completion: ${result.text.length} chars in ${Date.now() - started} ms`,
      );
      // Cached as shown, so typing through it matches what the user sees.
      if (main)
        this.cache.set(query, postprocessAt(result.text, site, { final: true })?.text ?? '');
      this.status.requestEnded({ kind: 'ready' });
    });
    return request;
  }

  /** Aborts are normal and silent; anything else is logged and shown in the status bar. */
  private stateAfter(error: unknown): EngineState | undefined {
    if (isAbortError(error)) return undefined;
    if (error instanceof ApiError) {
      this.backoff.onFailure(error);
      this.configRejected = error.kind === 'unauthorized' || error.kind === 'notFound';
      const retryAt = this.backoff.blockedUntil();
      this.deps.logger.warn(
        `${error.kind} from ${error.host}${error.status ? ` (HTTP ${error.status})` : ''}: ${error.message}` +
          (retryAt ? `; automatic completions wait ${retryAt - Date.now()} ms` : ''),
      );
      return { kind: 'error', message: error.message, error, ...(retryAt ? { retryAt } : {}) };
    }
    const message = error instanceof Error ? error.message : String(error);
    this.deps.logger.error(`unexpected failure: ${message}`);
    return { kind: 'error', message };
  }
}
