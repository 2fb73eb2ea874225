// `npm run build`: every program compiled into dist/ (or `--out-dir <dir>`); see scripts/build/build-dist.ts.
import { join, relative } from 'node:path';
import { parseArgs } from 'node:util';
import { buildDist } from './build/build-dist.ts';

const root = join(__dirname, '..');
const { values } = parseArgs({ options: { 'out-dir': { type: 'string' } } });

buildDist(root, values['out-dir'] ?? join(root, 'dist')).then(
  (result) => {
    for (const warning of result.warnings) process.stderr.write(`warning: ${warning}\n`);
    const where = relative(process.cwd(), result.outDir) || '.';
    process.stdout.write(`built ${result.entries.length} programs into ${where}: ${result.entries.map((e) => `${e.output}.mjs`).join(', ')}\n`);
  },
  (err: Error) => {
    process.stderr.write(`build failed: ${err.message}\n`);
    process.exit(1);
  },
);
