import * as vscode from 'vscode';
import type { Config } from './config';
import { listModels } from '../core/api/models';
import { isAbortError } from '../core/api/errors';
import { hostOf } from '../core/endpoint';
import type { Log } from './log';
import type { ApiKeys } from '../apiKey/apiKeys';

interface ModelItem extends vscode.QuickPickItem {
  readonly model: string;
}

/**
 * `tokenhub.selectModel`: a quick pick fed by `GET {baseUrl}/models`, the current model
 * marked, and a free-text entry for servers whose list is empty or does not matter (llama.cpp
 * answers with whatever it loaded). The choice goes to user settings, like the endpoint.
 */
export async function selectModel(config: Config, keys: ApiKeys, log: Log): Promise<void> {
  const { baseUrl, model: current } = config.current;
  const picker = vscode.window.createQuickPick<ModelItem>();
  picker.title = `TokenHub: Select Model (${hostOf(baseUrl)})`;
  picker.placeholder = 'Loading models…';
  picker.busy = true;
  picker.matchOnDescription = true;
  const loading = new AbortController();
  let listed: ModelItem[] = [];
  const refresh = () => {
    const typed = picker.value.trim();
    const custom: ModelItem[] =
      typed && !listed.some((item) => item.model === typed)
        ? [{ label: `$(edit) Use "${typed}"`, model: typed, alwaysShow: true }]
        : [];
    picker.items = [...custom, ...listed];
  };
  picker.onDidChangeValue(refresh);
  picker.onDidHide(() => {
    loading.abort();
    picker.dispose();
  });
  const chosen = new Promise<string | undefined>((resolve) => {
    picker.onDidAccept(() => {
      resolve(picker.selectedItems[0]?.model);
      picker.hide();
    });
    picker.onDidHide(() => resolve(undefined));
  });
  picker.show();

  try {
    const models = await listModels(baseUrl, keys.current(), loading.signal);
    listed = models.map((id) => ({
      label: id,
      model: id,
      ...(id === current ? { description: '(current)', picked: true } : {}),
    }));
    picker.placeholder = models.length
      ? `Current: ${current}. Pick a model or type an id.`
      : `${hostOf(baseUrl)} lists no models; type the model id to use.`;
  } catch (error) {
    if (isAbortError(error)) return;
    const message = error instanceof Error ? error.message : String(error);
    log.warn(`could not list models: ${message}`);
    picker.placeholder = `Could not list models (${message}). Type a model id.`;
  } finally {
    picker.busy = false;
  }
  refresh();

  const model = await chosen;
  if (!model || model === current) return;
  await vscode.workspace
    .getConfiguration('tokenhub')
    .update('model', model, vscode.ConfigurationTarget.Global);
  log.info(`model set to ${model}`);
}
