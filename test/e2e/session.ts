// One workbench for the whole end-to-end run: the project's test server, code-server with the
// extension loaded, and a chromium page on it. Starting them is most of a test's time, so every
// *.e2e.ts file shares them through useSession().
import * as path from 'path';
import type { Browser, Page } from 'playwright-core';
import { launchBrowser } from '../runner/browser';
import { CodeServer } from '../runner/codeServer';
import { artifactsDir } from '../runner/paths';
import { TestServer } from '../support/server';
import { stopwatch } from './stopwatch';

/** What a test drives and inspects. */
export interface Session {
  /** The completions endpoint the extension talks to; reset before each test. */
  readonly endpoint: TestServer;
  /** code-server, for its workspace folder and logs. */
  readonly server: CodeServer;
  /** The workbench, with the extension already active. */
  readonly page: Page;
}

/** The key in the user settings; the fixture workspace's settings name another, ignored one. */
export const apiKey = 'e2e-key';

/** Small enough for the README's screenshots, wide enough for the Explorer and an editor. */
const viewport = { width: 1100, height: 650 };

/** User settings for a run against `baseUrl`. */
function userSettings(baseUrl: string): Record<string, unknown> {
  return {
    'tokenhub.baseUrl': baseUrl,
    'tokenhub.apiKey': apiKey,
    'tokenhub.inline.debounceMs': 0,
    // Above the prompt test's 8 s hold mid-answer (the default 5 s would end its stream).
    'tokenhub.inline.idleTimeoutMs': 30_000,
    // TypeScript's suggestion widget would otherwise take the Tab meant for the ghost text.
    'editor.quickSuggestions': { other: 'off', comments: 'off', strings: 'off' },
    'editor.suggestOnTriggerCharacters': false,
    // The screenshots show the editor, not the Chat view beside it or the minimap.
    'workbench.secondarySideBar.defaultVisibility': 'hidden',
    'editor.minimap.enabled': false,
  };
}

/** Everything start() got to, so stop() can end a half-made session too. */
interface Parts {
  endpoint?: TestServer;
  server?: CodeServer;
  browser?: Browser;
}

/** The session shared by every test file, started by the first one that needs it. */
interface Shared {
  started?: Promise<Session>;
  parts: Parts;
}

/**
 * esbuild bundles each *.e2e.ts file with its own copy of this module, so module state would give
 * each file a workbench of its own; a slot on globalThis is the same for every copy.
 */
const slot = Symbol.for('tokenhub.e2e.session');

function shared(): Shared {
  const global = globalThis as typeof globalThis & { [slot]?: Shared };
  return (global[slot] ??= { parts: {} });
}

/** Starts the endpoint, code-server and the browser, and waits for the extension. */
async function start(parts: Parts): Promise<Session> {
  const step = stopwatch();
  const endpoint = (parts.endpoint = await TestServer.start());
  const server = (parts.server = await CodeServer.start({
    userSettings: userSettings(endpoint.url),
  }));
  const browser = (parts.browser = await launchBrowser());
  step('code-server and chromium started');
  const page = await browser.newPage({ viewport });
  await page.goto(server.payloadUrl());
  // The first start of the workbench is slow: up to a minute on a busy 2-core machine.
  await page.locator('.monaco-workbench').waitFor({ timeout: 60_000 });
  step('workbench loaded');
  // Typing before the extension is active shows nothing.
  await server.waitForActivation();
  step('extension active');
  return { endpoint, server, page };
}

/** Ends whatever start() got to; the second and later calls find nothing left. */
async function stop(): Promise<void> {
  const { parts } = shared();
  const { endpoint, server, browser } = parts;
  shared().parts = {};
  await browser?.close();
  await server?.stop();
  await endpoint?.close();
}

/**
 * Hooks for a describe() on the shared workbench; returns the session for its tests. The first
 * suite starts the session (later ones reuse it), each test starts with an endpoint that has
 * seen no request and answers '', and a failed test leaves a screenshot and the logs in
 * .test-artifacts/ and closes any open quick pick so the next test starts clean.
 */
export function useSession(): () => Session {
  let session: Session | undefined;
  before(async () => {
    const state = shared();
    session = await (state.started ??= start(state.parts));
  });
  beforeEach(() => session?.endpoint.reset());
  afterEach(async function () {
    if (this.currentTest?.state !== 'failed' || !session) return;
    const name = `e2e-failure-${slug(this.currentTest.title)}.png`;
    await session.page.screenshot({ path: path.join(artifactsDir, name) }).catch(() => {});
    session.server.saveLogs(path.join(artifactsDir, 'e2e-logs'));
    await session.page.keyboard.press('Escape').catch(() => {});
  });
  return () => {
    if (!session) throw new Error('the e2e session is not started (use it inside a test)');
    return session;
  };
}

/** A file-name-safe form of a test's title. */
function slug(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

// A root hook (outside any describe), so it runs once after every e2e file. Each bundled copy of
// this module registers one: the first ends the session, the others find nothing to end.
after(stop);
