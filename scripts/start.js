// `npm start`: build the extension and open it in a real VS Code.
//   npm start                                code-server on 127.0.0.1 with the extension loaded;
//                                            prints the URL
//   npm start -- --endpoint <url> --model <id>
//                                            points it at a server you already run (llama.cpp,
//                                            Ollama, vLLM…) through a throwaway profile
//   npm start -- --demo                      the project's test server with a canned completion:
//                                            ghost text with no server and no key
//   npm start -- --port 8080                 a fixed port instead of a free one
// The arguments are read by scripts/startOptions.ts (`npm start -- --help`). With desktop VS
// Code's `code` on PATH it runs `code --extensionDevelopmentPath` instead. Everything runs on a
// fresh copy of test/fixtures/workspace; Ctrl+C stops it all.
const { spawnSync, spawn } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..');

/** What the demo server answers to every request: a function body, streamed token by token. */
const demoReply = {
  text: 'const sum = a + b;\n  console.log(`sum: ${sum}`);\n  return sum;',
  firstTokenDelayMs: 150,
  tokenDelayMs: 20,
};

/** Runs a build step; exits when it fails. */
function build(args, what) {
  console.log(`start: ${what}`);
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** True when `command` is on PATH. */
function onPath(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}

/** The command line, or an exit with the usage when it is wrong or `--help` asks for it. */
function readOptions() {
  const { parseStartOptions, StartUsageError, startUsage } = require(
    path.join(root, 'out', 'scripts', 'startOptions.js'),
  );
  const args = process.argv.slice(2);
  if (args.includes('--help') || args.includes('-h')) {
    console.log(startUsage);
    process.exit(0);
  }
  try {
    return parseStartOptions(args);
  } catch (error) {
    if (!(error instanceof StartUsageError)) throw error;
    console.error(`start: ${error.message}\n\n${startUsage}`);
    process.exit(2);
  }
}

/**
 * Says whether the user's server answers `GET {baseUrl}/models` (without a key: this is only a
 * hint, the extension sends the key itself), so a wrong port shows here and not as silence in
 * the editor. Never stops the start.
 */
async function describeEndpoint(baseUrl) {
  try {
    const response = await fetch(`${baseUrl}/models`, { signal: AbortSignal.timeout(3000) });
    const note = response.status === 401 ? ' (it wants a key: set TOKENHUB_API_KEY)' : '';
    console.log(`start: ${baseUrl}/models answered HTTP ${response.status}${note}`);
  } catch (error) {
    console.log(`start: warning: ${baseUrl} does not answer (${error.cause?.code ?? error.name});`);
    console.log('start: is the server running? The extension will keep trying as you type.');
  }
}

/** Starts the demo endpoint (compiled by `node esbuild.js --tests`) and returns its settings. */
async function startDemoEndpoint() {
  const { TestServer } = require(path.join(root, 'out', 'test', 'support', 'server.js'));
  const endpoint = await TestServer.start();
  endpoint.reply(demoReply);
  console.log(`start: demo endpoint at ${endpoint.url} (a local server needs no key)`);
  console.log('start: try it: open sample.ts, type `function add(a: number, b: number) {`, Enter');
  return { 'tokenhub.baseUrl': endpoint.url };
}

/**
 * Desktop VS Code: an Extension Development Host window on a copy of the fixture workspace; with
 * settings to apply, in a throwaway profile, never in the user's own.
 */
function startDesktop(userSettings) {
  const profile = require(path.join(root, 'out', 'test', 'runner', 'profile.js'));
  const state = fs.mkdtempSync(path.join(os.tmpdir(), 'tokenhub-start-'));
  const workspace = path.join(state, 'workspace');
  profile.copyFixtureWorkspace(workspace);
  const args = [`--extensionDevelopmentPath=${root}`, '--wait'];
  if (Object.keys(userSettings).length > 0) {
    const userData = path.join(state, 'user-data');
    profile.writeUserSettings(userData, userSettings);
    args.push(`--user-data-dir=${userData}`);
  }
  console.log(`start: code ${args.join(' ')} ${workspace}`);
  const child = spawn('code', [...args, workspace], { stdio: 'inherit' });
  child.on('exit', (code) => {
    fs.rmSync(state, { recursive: true, force: true });
    process.exit(code ?? 0);
  });
}

/** code-server: prints the URL and runs until Ctrl+C (its SIGINT handler stops the server). */
async function startCodeServer(userSettings, options) {
  const { CodeServer } = require(path.join(root, 'out', 'test', 'runner', 'codeServer.js'));
  const server = await CodeServer.start({
    userSettings,
    ...(options.port ? { port: options.port } : {}),
  });
  console.log('\nOpen this URL (it carries the payload that loads the extension):\n');
  console.log(`  ${server.payloadUrl()}\n`);
  console.log(`Workspace copy: ${server.workspace}`);
  if (!options.demo) console.log('Key: TokenHub: Set API Key, or start with TOKENHUB_API_KEY set.');
  console.log('Everything is thrown away on exit. Ctrl+C to stop.');
  await server.exited;
  // After Ctrl+C the launcher's signal handler finishes the cleanup and exits.
  if (server.stopRequested) return;
  console.log('start: code-server exited on its own');
  process.exit(1);
}

async function main() {
  build(['esbuild.js', '--tests'], 'building the launcher and the test server');
  const options = readOptions();
  build(['esbuild.js'], 'building the extension (development build)');
  const userSettings = options.demo ? await startDemoEndpoint() : options.userSettings;
  const baseUrl = userSettings['tokenhub.baseUrl'];
  if (baseUrl && !options.demo) await describeEndpoint(baseUrl);
  if (onPath('code')) {
    startDesktop(userSettings);
    return;
  }
  const tools = spawnSync('bash', [path.join(root, 'scripts', 'install-tools.sh')], {
    stdio: 'inherit',
  });
  if (tools.status !== 0) process.exit(tools.status ?? 1);
  await startCodeServer(userSettings, options);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
