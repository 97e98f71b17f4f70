/** Part 4: the size of the production bundle that `npm run bench` has just built. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';

export function measureBundle() {
  const file = path.resolve(__dirname, '../../dist/extension.js');
  const bytes = fs.readFileSync(file);
  // A source-map comment means a development build, whose size says nothing about the .vsix.
  const production = !bytes.includes('sourceMappingURL');
  return {
    file: 'dist/extension.js',
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes).length,
    production,
  };
}
