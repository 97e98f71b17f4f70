// Starts code-server (the real VS Code server, installed by scripts/install-tools.sh) on a free
// port of 127.0.0.1 with throwaway state: HOME, user data, extensions dir and a fresh copy of the
// fixture workspace. See /work/shared/notes/vscode-host.md for why each flag is there.
import { type ChildProcess, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import * as os from 'os';
import * as path from 'path';
import { codeServerEntry, extensionId, node24, repoRoot } from './paths';
import { waitUntil } from '../support/wait';
import { copyFixtureWorkspace, writeUserSettings } from './profile';

/** What a caller may change about a code-server run. */
export interface CodeServerOptions {
  /** User settings, merged over the harness defaults (profile.ts `defaultUserSettings`). */
  userSettings?: Record<string, unknown>;
  /** Extra environment for the server; it reaches the extension host. */
  env?: Record<string, string>;
  /** Port to bind; a free one when omitted. */
  port?: number;
  /** `.vsix` files installed with `--install-extension` into the fresh extensions dir first. */
  install?: string[];
}

/** A running code-server; `stop()` ends its whole process group and deletes its state. */
export class CodeServer {
  /** Settles when the server process exits. */
  readonly exited: Promise<void>;
  /** True once `stop()` was called: an exit after that is expected. */
  stopRequested = false;

  private constructor(
    /** The port on 127.0.0.1. */
    readonly port: number,
    /** Throwaway folder holding everything this run writes. */
    readonly stateDir: string,
    /** The fresh copy of test/fixtures/workspace that the workbench opens. */
    readonly workspace: string,
    /** `--user-data-dir`; settings in User/settings.json, logs in logs/. */
    readonly userDataDir: string,
    /** `--extensions-dir`: empty unless `install` named packages. */
    readonly extensionsDir: string,
    private readonly child: ChildProcess,
  ) {
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  /** Starts code-server and resolves once it answers HTTP. */
  static async start(options: CodeServerOptions = {}): Promise<CodeServer> {
    if (!fs.existsSync(node24) || !fs.existsSync(codeServerEntry)) {
      throw new Error('code-server is not installed: run `bash scripts/install-tools.sh`');
    }
    const port = options.port ?? (await freePort());
    const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenhub-code-server-'));
    const dirs = {
      home: path.join(stateDir, 'home'),
      userData: path.join(stateDir, 'user-data'),
      extensions: path.join(stateDir, 'extensions'),
      workspace: path.join(stateDir, 'workspace'),
    };
    for (const dir of [dirs.home, dirs.userData, dirs.extensions])
      fs.mkdirSync(dir, { recursive: true });
    copyFixtureWorkspace(dirs.workspace);
    writeUserSettings(dirs.userData, options.userSettings ?? {});
    const config = path.join(stateDir, 'config.yaml');
    // An empty config is rejected; the command line below says the rest.
    fs.writeFileSync(config, 'auth: none\ncert: false\n');

    const env = serverEnv(dirs.home, options.env ?? {});
    const profileArgs = ['--user-data-dir', dirs.userData, '--extensions-dir', dirs.extensions];
    for (const vsix of options.install ?? []) {
      installExtension(vsix, [...profileArgs, '--config', config], env, stateDir);
    }

    const args = [
      codeServerEntry,
      ...['--bind-addr', `127.0.0.1:${port}`, '--auth', 'none'],
      '--disable-telemetry',
      '--disable-update-check',
      '--disable-workspace-trust',
      '--disable-getting-started-override',
      // Without it the workbench ignores the developer payload and the extension never loads.
      ...['--vscode-option', 'enable-smoke-test-driver'],
      ...profileArgs,
      ...['--config', config],
      dirs.workspace,
    ];
    const output = fs.openSync(path.join(stateDir, 'code-server.log'), 'a');
    const child = spawn(node24, args, {
      cwd: stateDir,
      env,
      // Its own process group, so stop() can end the children that outlive it.
      detached: true,
      stdio: ['ignore', output, output],
    });
    fs.closeSync(output);
    const server = new CodeServer(
      port,
      stateDir,
      dirs.workspace,
      dirs.userData,
      dirs.extensions,
      child,
    );
    running.add(server);
    try {
      await server.waitForHttp(30_000);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return server;
  }

  /** The workbench's base address, e.g. `http://127.0.0.1:41234`. */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** The address that opens the fixture workspace with the installed extensions only. */
  workspaceUrl(): string {
    return `${this.url}/?folder=${encodeURIComponent(this.workspace)}`;
  }

  /**
   * The address that opens the fixture workspace with this repository's extension loaded in
   * development mode and, when `extensionTestsPath` is given (a compiled test index without
   * `.js`), runs that index in the extension host.
   */
  payloadUrl(options: { extensionTestsPath?: string } = {}): string {
    const remote = (file: string): string => `vscode-remote://127.0.0.1:${this.port}${file}`;
    const payload: [string, string][] = [['extensionDevelopmentPath', remote(repoRoot)]];
    if (options.extensionTestsPath) {
      payload.push(['extensionTestsPath', remote(options.extensionTestsPath)]);
    }
    payload.push(['skipWelcome', 'true']);
    return `${this.workspaceUrl()}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
  }

  /** The newest remote extension host log, once the workbench has started one. */
  exthostLogPath(): string | undefined {
    const logs = path.join(this.userDataDir, 'logs');
    if (!fs.existsSync(logs)) return undefined;
    const candidates = fs
      .readdirSync(logs, { recursive: true, encoding: 'utf8' })
      .filter((name) => path.basename(name) === 'remoteexthost.log')
      .map((name) => path.join(logs, name));
    return candidates.sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0];
  }

  /**
   * Resolves once the extension host log shows `_doActivateExtension <id>`, which VS Code writes
   * as it calls `activate()`. Rejects with the log's line when an activation failure is already
   * logged, and on timeout.
   */
  async waitForActivation(id = extensionId, timeoutMs = 60_000): Promise<void> {
    const activated = (): boolean => {
      const file = this.exthostLogPath();
      const log = file === undefined ? '' : fs.readFileSync(file, 'utf8');
      const failure = log
        .split('\n')
        .find((line) => line.includes(`Activating extension ${id} failed`));
      if (failure) throw new Error(failure);
      return log.includes(`_doActivateExtension ${id},`);
    };
    await waitUntil(activated, `activation of ${id}`, timeoutMs, pollMs);
  }

  /** Copies the server output and VS Code's logs into `dest`, for a look after a failure. */
  saveLogs(dest: string): void {
    fs.mkdirSync(dest, { recursive: true });
    fs.cpSync(path.join(this.stateDir, 'code-server.log'), path.join(dest, 'code-server.log'));
    const logs = path.join(this.userDataDir, 'logs');
    if (fs.existsSync(logs)) fs.cpSync(logs, path.join(dest, 'logs'), { recursive: true });
  }

  /** Ends the process group (SIGTERM, SIGKILL after 5 s) and deletes the state folder. */
  async stop(): Promise<void> {
    this.stopRequested = true;
    running.delete(this);
    const group = -(this.child.pid ?? 0);
    if (group !== 0) {
      signal(group, 'SIGTERM');
      const ended = await waitUntil(() => !alive(group), 'code-server to stop', 5_000, pollMs).then(
        () => true,
        () => false,
      );
      if (!ended) signal(group, 'SIGKILL');
      await this.exited;
    }
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }

  /** Last resort on process exit: kill the group at once and delete the state, synchronously. */
  killNow(): void {
    if (this.child.pid) signal(-this.child.pid, 'SIGKILL');
    fs.rmSync(this.stateDir, { recursive: true, force: true });
  }

  private async waitForHttp(timeoutMs: number): Promise<void> {
    let exited = false;
    void this.exited.then(() => (exited = true));
    const answers = async (): Promise<boolean> => {
      if (exited) {
        const output = fs.readFileSync(path.join(this.stateDir, 'code-server.log'), 'utf8');
        throw new Error(`code-server exited during start:\n${output}`);
      }
      const response = await fetch(`${this.url}/healthz`).catch(() => undefined);
      return response?.ok ?? false;
    };
    await waitUntil(answers, 'code-server to answer HTTP', timeoutMs, pollMs);
  }
}

/** How often to look at a process, a log or an HTTP endpoint while waiting for it. */
const pollMs = 250;

/** Servers not stopped yet; Ctrl+C or an early exit must not leave them running. */
const running = new Set<CodeServer>();
process.once('exit', () => running.forEach((server) => server.killNow()));
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.once(name, () => {
    void Promise.all([...running].map((server) => server.stop())).finally(() => process.exit(130));
  });
}

/** The server's environment: throwaway HOME/XDG folders, no gallery, no inherited VS Code IPC. */
function serverEnv(home: string, extra: Record<string, string>): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    // A terminal inside VS Code passes VSCODE_* hooks that would point at that other instance;
    // PORT would override --bind-addr.
    if (!key.startsWith('VSCODE_') && key !== 'PORT') env[key] = value;
  }
  return {
    ...env,
    HOME: home,
    XDG_CONFIG_HOME: path.join(home, '.config'),
    XDG_DATA_HOME: path.join(home, '.local', 'share'),
    XDG_CACHE_HOME: path.join(home, '.cache'),
    EXTENSIONS_GALLERY: '{}',
    ...extra,
  };
}

/**
 * `code-server --install-extension <vsix>`, the way a user installs a downloaded package; throws
 * with code-server's output when it does not say it installed it.
 */
function installExtension(
  vsix: string,
  profileArgs: string[],
  env: NodeJS.ProcessEnv,
  cwd: string,
): void {
  const result = spawnSync(node24, [codeServerEntry, ...profileArgs, '--install-extension', vsix], {
    cwd,
    env,
    encoding: 'utf8',
    timeout: 120_000,
  });
  const output = `${result.stdout}${result.stderr}`;
  if (result.status !== 0 || !/was successfully installed/.test(output)) {
    throw new Error(
      `code-server --install-extension ${vsix} failed (${result.status}):\n${output}`,
    );
  }
}

/** A port that was free on 127.0.0.1 a moment ago. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(),
      );
    });
  });
}

function signal(target: number, name: NodeJS.Signals): void {
  try {
    process.kill(target, name);
  } catch {
    // Already gone.
  }
}

function alive(target: number): boolean {
  try {
    process.kill(target, 0);
    return true;
  } catch {
    return false;
  }
}
