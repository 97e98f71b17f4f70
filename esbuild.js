// Builds the extension into one CommonJS bundle (dist/extension.js) with `vscode` external.
//   node esbuild.js               development build with sourcemaps
//   node esbuild.js --production  minified, no sourcemaps (what the .vsix ships)
//   node esbuild.js --watch       rebuild on change
//   node esbuild.js --tests       compile test/, bench/ and scripts/*.ts into out/ (one file per
//                                 entry, node_modules left as require() calls)
const esbuild = require('esbuild');
const fs = require('fs');
const path = require('path');

const production = process.argv.includes('--production');
const watch = process.argv.includes('--watch');
const tests = process.argv.includes('--tests');

/** Every .ts file under `dir`, recursively. */
function tsFiles(dir) {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return tsFiles(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [full] : [];
  });
}

const extensionOptions = {
  entryPoints: ['src/extension.ts'],
  outfile: 'dist/extension.js',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['vscode'],
  minify: production,
  sourcemap: !production,
  sourcesContent: false,
  legalComments: 'none',
  logLevel: 'warning',
};

const testOptions = {
  entryPoints: [...tsFiles('test'), ...tsFiles('bench'), ...tsFiles('scripts')],
  outdir: 'out',
  outbase: '.',
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // Tests load mocha, playwright-core and vscode from the real install, not a bundled copy.
  packages: 'external',
  external: ['vscode'],
  sourcemap: true,
  logLevel: 'warning',
};

async function main() {
  const options = tests ? testOptions : extensionOptions;
  // The runners pick up every compiled *.test.js: a test moved or deleted must not keep
  // running from an old copy.
  if (tests) fs.rmSync(options.outdir, { recursive: true, force: true });
  if (watch) {
    const context = await esbuild.context(options);
    await context.watch();
    console.log(`watching ${tests ? 'tests' : 'src'} for changes…`);
    return;
  }
  await esbuild.build(options);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
