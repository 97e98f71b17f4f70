// The integration suite through @vscode/test-electron, for machines that can download VS Code
// (`npm run test:electron`). It downloads VS Code into .vscode-test/, so it fails offline; there
// the same suite runs in code-server (out/test/runner/runIntegration.js).
import { runTests } from '@vscode/test-electron';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { repoRoot } from '../runner/paths';
import { copyFixtureWorkspace, writeUserSettings } from '../runner/profile';
import { readResults, resultsEnv } from '../runner/results';

async function main(): Promise<number> {
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenhub-electron-'));
  const workspace = path.join(state, 'workspace');
  const userData = path.join(state, 'user-data');
  const resultsFile = path.join(state, 'results.json');
  copyFixtureWorkspace(workspace);
  writeUserSettings(userData, {});
  try {
    await runTests({
      extensionDevelopmentPath: repoRoot,
      extensionTestsPath: path.join(repoRoot, 'out', 'test', 'integration', 'index'),
      extensionTestsEnv: { [resultsEnv]: resultsFile },
      launchArgs: [
        workspace,
        '--disable-extensions',
        '--disable-workspace-trust',
        `--user-data-dir=${userData}`,
        `--extensions-dir=${path.join(state, 'extensions')}`,
      ],
    });
  } catch (error) {
    console.error(error);
  }
  const results = readResults(resultsFile);
  fs.rmSync(state, { recursive: true, force: true });
  if (!results || results.total === 0) {
    console.log('0 passed, 1 failed');
    return 1;
  }
  console.log(`${results.passed} passed, ${results.failed} failed`);
  return results.failed > 0 ? 1 : 0;
}

void main().then((code) => process.exit(code));
