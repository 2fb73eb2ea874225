import { readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import { join } from 'node:path';
import type { Metafile } from 'esbuild';

interface LockEntry {
  dev?: boolean;
  optional?: boolean;
  devOptional?: boolean;
}

/** `express/lib/router` → `express`; `@prisma/client/runtime/client` → `@prisma/client`. */
export const packageOf = (specifier: string) => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

/**
 * What the image's runtime stage would lack: every package a bundle leaves external must be one
 * `npm prune --omit=dev --omit=optional` (the Dockerfile's) keeps at the root's `node_modules`
 * (where a bundle under `dist/` finds it), per `package-lock.json`. Returns one line per problem (empty: every import resolves in the image).
 */
export function productionPackagesCheck(root: string, metafile: Metafile): string[] {
  const lock = JSON.parse(readFileSync(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockEntry> };
  const problems = new Set<string>();
  for (const [output, meta] of Object.entries(metafile.outputs)) {
    for (const imported of meta.imports) {
      if (!imported.external || isBuiltin(imported.path)) continue;
      const name = packageOf(imported.path);
      const entry = lock.packages[`node_modules/${name}`];
      if (!entry) problems.add(`${output} imports ${name}, which package-lock.json does not install at node_modules/${name}`);
      else if (entry.dev || entry.optional || entry.devOptional) {
        problems.add(`${output} imports ${name}, which the image's npm prune --omit=dev --omit=optional removes: make it a dependency of the workspace that imports it`);
      }
    }
  }
  return [...problems];
}
