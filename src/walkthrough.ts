import * as vscode from 'vscode';

const shownKey = 'tokenhub.walkthroughShown';

/**
 * Opens the "Get started" walkthrough once, after the extension is first installed, never on
 * later starts. Skipped when running from source (tests, `npm start`), where it would take
 * the editor's focus.
 */
export async function showWalkthroughOnce(context: vscode.ExtensionContext): Promise<void> {
  if (context.extensionMode !== vscode.ExtensionMode.Production) return;
  if (context.globalState.get<boolean>(shownKey)) return;
  await context.globalState.update(shownKey, true);
  await vscode.commands.executeCommand(
    'workbench.action.openWalkthrough',
    `${context.extension.id}#tokenhub.start`,
    false,
  );
}
