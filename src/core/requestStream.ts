import { streamCompletion, type StreamCompletionOptions } from './api/completions';
import type { CompletionOutcome } from './api/types';
import { stopsFor } from './completionMode';
import type { ContextSnippet } from './context/snippet';
import type { FimDecision, FimDecisions } from './fim/fimDecisions';
import { buildPrompt } from './prompt/buildPrompt';
import { planStops } from './stops';
import { withSuffixFallback } from './fim/suffixFallback';
import type { CompletionQuery, EngineSettings } from './engine';

/** What one completion request sends, and how its stream is opened. */
export interface RequestStream {
  /** Every stop the completion ends at (the first four also go to the server). */
  readonly stops: readonly string[];
  /** Characters of the prompt last sent (a FIM fallback sends another), for usage estimates. */
  promptChars(): number;
  /** Opens the stream; closing the generator early aborts the HTTP request. */
  open(signal: AbortSignal): AsyncGenerator<string, CompletionOutcome>;
}

/** Everything one request is made of, besides the query. */
export interface RequestParts {
  readonly settings: EngineSettings;
  readonly apiKey: string | undefined;
  readonly temperature: number;
  readonly snippets: readonly ContextSnippet[];
  /** How the endpoint fills the middle; told when the server takes or refuses `suffix`. */
  readonly fim: FimDecisions;
  readonly options: StreamCompletionOptions;
}

/**
 * The request for a query: the prompt in the form the endpoint's FIM decision calls for, the
 * family's special tokens as stops (so they never reach the ghost text), and, where `suffix`
 * is sent, the one fallback a refusing server gets (remembered for the next requests).
 */
export function requestStream(query: CompletionQuery, parts: RequestParts): RequestStream {
  const { settings, fim: decisions, snippets } = parts;
  const fim = decisions.current(settings);
  const promptFor = (decision: FimDecision) =>
    buildPrompt(query, {
      snippets,
      format: decision.format,
      template: decision.via === 'template',
    });
  let prompt = promptFor(fim);
  const stops = planStops([...stopsFor(), ...(fim.format?.stops ?? [])], settings.stop);
  const body = {
    baseUrl: settings.baseUrl,
    apiKey: parts.apiKey,
    model: settings.model,
    maxTokens: settings.maxTokens,
    temperature: parts.temperature,
    stop: stops.sent,
    timeoutMs: settings.timeoutMs,
    firstEventTimeoutMs: settings.firstTokenTimeoutMs,
    idleTimeoutMs: settings.idleTimeoutMs,
  };
  return {
    stops: stops.enforced,
    promptChars: () => prompt.prompt.length,
    open(signal) {
      const open = (decision: FimDecision) =>
        streamCompletion(
          decision.via === 'field'
            ? { ...body, prompt: prompt.prompt, suffix: prompt.suffix }
            : { ...body, prompt: prompt.prompt },
          signal,
          parts.options,
        );
      if (fim.via !== 'field') return open(fim);
      // A server that refuses `suffix` gets the fallback now and from now on.
      return withSuffixFallback(
        () => open(fim),
        (refusal) => {
          const fallback = decisions.refused(settings, refusal);
          prompt = promptFor(fallback);
          return open(fallback);
        },
        () => decisions.accepted(settings),
      );
    },
  };
}
