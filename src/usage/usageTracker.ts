import * as vscode from 'vscode';
import type { Config } from '../settings/config';
import type { TokenCount } from '../core/usage';

const stateKey = 'tokenhub.usage';

/** Tokens used on one calendar day (local time). Only counts are stored, never text. */
interface DayUsage {
  readonly day: string;
  readonly promptTokens: number;
  readonly completionTokens: number;
}

/**
 * Tokens used this session and today, kept in `globalState` so the day's total survives a
 * restart, and the optional daily budget (`tokenhub.dailyTokenBudget`): once today's total
 * reaches it, automatic completions pause until tomorrow (or until the budget is raised).
 */
export class UsageTracker implements vscode.Disposable {
  private session = { promptTokens: 0, completionTokens: 0, estimated: false };
  private readonly changed = new vscode.EventEmitter<void>();

  /** Fires after every recorded request. */
  readonly onDidChange = this.changed.event;

  constructor(
    private readonly state: vscode.Memento,
    private readonly config: Config,
  ) {}

  record(count: TokenCount): void {
    this.session = {
      promptTokens: this.session.promptTokens + count.promptTokens,
      completionTokens: this.session.completionTokens + count.completionTokens,
      estimated: this.session.estimated || count.estimated,
    };
    const today = this.today();
    void this.state.update(stateKey, {
      day: today.day,
      promptTokens: today.promptTokens + count.promptTokens,
      completionTokens: today.completionTokens + count.completionTokens,
    } satisfies DayUsage);
    this.changed.fire();
  }

  /** Today's totals (zero on a new day). */
  today(): DayUsage {
    const day = localDay();
    const stored = this.state.get<DayUsage>(stateKey);
    return stored?.day === day ? stored : { day, promptTokens: 0, completionTokens: 0 };
  }

  get sessionTotals(): Readonly<typeof this.session> {
    return this.session;
  }

  /** True when a daily budget is set and today's tokens have reached it. */
  overBudget(): boolean {
    const budget = this.config.current.dailyTokenBudget;
    const today = this.today();
    return budget > 0 && today.promptTokens + today.completionTokens >= budget;
  }

  dispose(): void {
    this.changed.dispose();
  }
}

function localDay(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
