// The throwaway VS Code profile every run starts from: user settings and a fresh copy of the
// fixture workspace. Shared by code-server runs, @vscode/test-electron runs and `npm start`.
import * as fs from 'fs';
import * as path from 'path';
import { fixtureWorkspace } from './paths';

/** User settings every run starts from: quiet, offline and never saving on its own. */
export const defaultUserSettings: Readonly<Record<string, unknown>> = {
  'files.autoSave': 'off',
  'telemetry.telemetryLevel': 'off',
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.enableExperiments': false,
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'update.mode': 'none',
  'typescript.disableAutomaticTypeAcquisition': true,
  'npm.autoDetect': 'off',
  'git.enabled': false,
  // Not 'chat.disableAIFeatures': it also stops automatic inline suggestions from extensions.
};

/** Writes `<userDataDir>/User/settings.json`: `settings` merged over `defaultUserSettings`. */
export function writeUserSettings(userDataDir: string, settings: Record<string, unknown>): void {
  fs.mkdirSync(path.join(userDataDir, 'User'), { recursive: true });
  fs.writeFileSync(
    path.join(userDataDir, 'User', 'settings.json'),
    JSON.stringify({ ...defaultUserSettings, ...settings }, null, 2),
  );
}

/** Copies test/fixtures/workspace to `dest`, so tests never change the fixture itself. */
export function copyFixtureWorkspace(dest: string): void {
  fs.cpSync(fixtureWorkspace, dest, { recursive: true });
}
