import * as vscode from 'vscode';
import type { CompletionEngine } from '../core/engine';
import type { Log } from '../settings/log';
import type { UsageTracker } from './usageTracker';

/**
 * `tokenhub.showStats`: what the extension did this session (requests sent, joined, aborted,
 * cache hits, characters, latency) and the tokens used today, written to the log and shown
 * in a notification. Returns the numbers too, for automation.
 */
export function showStats(engine: CompletionEngine, usage: UsageTracker, log: Log) {
  const stats = {
    ...engine.metrics.snapshot(),
    session: usage.sessionTotals,
    today: usage.today(),
  };
  const today = stats.today.promptTokens + stats.today.completionTokens;
  const summary =
    `${stats.requestsStarted} requests sent, ${stats.requestsJoined} joined in flight, ` +
    `${stats.cacheHits} answered from cache, ${stats.requestsAborted} cut short; ` +
    `latency p50 ${stats.latencyP50Ms ?? '-'} ms, p90 ${stats.latencyP90Ms ?? '-'} ms; ` +
    `${today} tokens today${stats.session.estimated ? ' (partly estimated)' : ''}.`;
  log.info(`stats: ${JSON.stringify(stats)}`);
  void vscode.window.showInformationMessage(`TokenHub: ${summary}`, 'Open Log').then((picked) => {
    if (picked) log.show();
  });
  return stats;
}
