import * as vscode from 'vscode';
import { TestServer } from '../support/server';
import { closeAllEditors, restoreUserSettings, setUserSettings } from './editor';

/** A suite's test endpoint; `server` is there once the suite's `before` hook has run. */
export interface TestEndpoint {
  readonly server: TestServer;
}

/**
 * Gives a mocha suite the project's test server: user settings point at it before each test
 * (plus `settings`, with automatic completions on, no debounce and one candidate unless
 * overridden), editors are closed after each test, and every setting a test touched is
 * restored when the suite ends.
 */
export function useTestEndpoint(settings: Record<string, unknown>): TestEndpoint {
  let server: TestServer | undefined;
  const endpoint: TestEndpoint = {
    get server(): TestServer {
      if (!server) throw new Error('the test server starts in the suite’s before hook');
      return server;
    },
  };
  before(async () => {
    server = await TestServer.start();
    await vscode.extensions.getExtension('tokenhub.tokenhub-inline')?.activate();
  });
  beforeEach(async () => {
    endpoint.server.reset();
    await setUserSettings({
      baseUrl: endpoint.server.url,
      'inline.enabled': true,
      'inline.debounceMs': 0,
      'inline.candidates': 1,
      ...settings,
    });
  });
  afterEach(closeAllEditors);
  after(async () => {
    await restoreUserSettings();
    await server?.close();
  });
  return endpoint;
}
