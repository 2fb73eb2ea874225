import { rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { build, type Metafile } from 'esbuild';
import { bundleBanner } from './bundle-banner.ts';
import { copyAssets } from './copy-assets.ts';
import { externalPackagesPlugin } from './external-packages-plugin.ts';
import { findEntries, type Entry } from './find-entries.ts';
import { productionPackagesCheck } from './production-packages-check.ts';
import { sourceDirPlugin } from './source-dir-plugin.ts';

export interface BuildResult {
  outDir: string;
  entries: Entry[];
  /** Repository-relative folders copied for the programs to read at run time. */
  assets: string[];
  warnings: string[];
}

/** A build that must not ship: esbuild's errors, or an import the image could not satisfy. */
export class BuildError extends Error {
  override name = 'BuildError';
}

/**
 * Compiles every program (see `findEntries`) into `outDir` (emptied first) as one ESM bundle each,
 * for Node.js 20, with source maps; copies what they read at run time. Each entry is its own
 * esbuild run because its banner knows how deep it sits. Throws `BuildError` on any error.
 */
export async function buildDist(root: string, outDir = join(root, 'dist')): Promise<BuildResult> {
  root = resolve(root);
  outDir = resolve(outDir);
  await rm(outDir, { recursive: true, force: true });
  const entries = findEntries(root);
  const results = await Promise.all(
    entries.map((entry) =>
      build({
        absWorkingDir: root,
        entryPoints: [{ in: join(root, entry.source), out: entry.output }],
        outdir: outDir,
        outExtension: { '.js': '.mjs' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        target: 'node20',
        sourcemap: true,
        sourcesContent: false,
        legalComments: 'none',
        banner: { js: bundleBanner(entry.output.split('/').length - 1) },
        plugins: [externalPackagesPlugin(root), sourceDirPlugin(root)],
        metafile: true,
        logLevel: 'silent',
      }).catch((err: { errors?: Array<{ text: string; location?: { file: string; line: number } | null }> }) => {
        const lines = (err.errors ?? []).map((e) => `${e.location ? `${e.location.file}:${e.location.line}: ` : ''}${e.text}`);
        throw new BuildError(`${entry.source}: ${lines.join('; ') || String(err)}`);
      }),
    ),
  );
  const metafile: Metafile = { inputs: {}, outputs: Object.assign({}, ...results.map((r) => r.metafile.outputs)) };
  const problems = productionPackagesCheck(root, metafile);
  if (problems.length > 0) throw new BuildError(problems.join('\n'));
  const assets = await copyAssets(root, outDir);
  const warnings = results.flatMap((r) => r.warnings.map((w) => `${w.location ? `${w.location.file}:${w.location.line}: ` : ''}${w.text}`));
  return { outDir, entries, assets, warnings };
}
