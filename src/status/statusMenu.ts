import * as vscode from 'vscode';
import type { Config } from '../settings/config';
import type { CompletionEngine } from '../core/engine';
import { languageEnabled } from '../core/languages';
import { hostOf } from '../core/endpoint';
import type { ApiKeys } from '../apiKey/apiKeys';

interface MenuItem extends vscode.QuickPickItem {
  readonly run: () => Thenable<unknown>;
}

/**
 * `tokenhub.showMenu`, opened by clicking the status item: everything a user adjusts while
 * working, one pick away. Each entry runs an existing command or writes one user setting.
 */
export async function showMenu(
  config: Config,
  keys: ApiKeys,
  engine: CompletionEngine,
): Promise<void> {
  const settings = config.current;
  const language = vscode.window.activeTextEditor?.document.languageId;
  const command =
    (id: string, ...args: unknown[]) =>
    () =>
      vscode.commands.executeCommand(id, ...args);
  const stats = engine.metrics.snapshot();
  const items: MenuItem[] = [
    {
      label: settings.inlineEnabled
        ? '$(circle-slash) Turn automatic completions off'
        : '$(sparkle) Turn automatic completions on',
      run: command('tokenhub.toggleInline'),
    },
  ];
  if (language) {
    const on = languageEnabled(settings.languages, language);
    items.push({
      label: on ? `$(eye-closed) Turn off for ${language}` : `$(eye) Turn on for ${language}`,
      run: () =>
        vscode.workspace
          .getConfiguration('tokenhub')
          .update(
            'inline.languages',
            { ...settings.languages, [language]: !on },
            vscode.ConfigurationTarget.Global,
          ),
    });
  }
  items.push(
    {
      label: '$(bell-slash) Snooze ghost text',
      description: "the editor's own snooze",
      run: command('editor.action.inlineSuggest.snooze'),
    },
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: () => Promise.resolve() },
    {
      label: '$(symbol-class) Select Model…',
      description: `${settings.model} at ${hostOf(settings.baseUrl)}`,
      run: command('tokenhub.selectModel'),
    },
    {
      label: '$(key) Set API Key…',
      description: keys.source() ? `current key from ${keys.source()}` : 'no key set',
      run: command('tokenhub.setApiKey'),
    },
  );
  if (keys.source() === 'secret storage') {
    items.push({ label: '$(trash) Clear API Key', run: command('tokenhub.clearApiKey') });
  }
  items.push(
    { label: '', kind: vscode.QuickPickItemKind.Separator, run: () => Promise.resolve() },
    {
      label: '$(graph) Show Usage and Stats',
      description: `${stats.requestsStarted} requests, ${stats.cacheHits} from cache this session`,
      run: command('tokenhub.showStats'),
    },
    { label: '$(output) Open Log', run: command('tokenhub.showLog') },
    {
      label: '$(settings-gear) Open Settings',
      run: command('workbench.action.openSettings', '@ext:tokenhub.tokenhub-inline'),
    },
  );
  const picked = await vscode.window.showQuickPick(items, { title: 'TokenHub Inline' });
  await picked?.run();
}
