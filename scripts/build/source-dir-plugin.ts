import { readFile } from 'node:fs/promises';
import { dirname, relative, sep } from 'node:path';
import type { Plugin } from 'esbuild';

/** Name of the banner function that turns a repository-relative path into its place under the out dir. */
export const DIST_PATH = '__cibaDistPath';

const USES = /\b__(dirname|filename)\b/;

/**
 * Our sources find files next to them through `__dirname` (each service's `prisma/migrations`).
 * A bundle has no such thing, so each use becomes the same repository-relative path under the out dir
 * (`services/token/src/adapters/db` → `<dist>/services/token/src/adapters/db`), where `copyAssets`
 * puts the files they reach (`<dist>/services/token/prisma/migrations`). Run from source, nothing
 * changes. Packages under `node_modules` are left alone (they are external or have no such use).
 */
export function sourceDirPlugin(root: string): Plugin {
  return {
    name: 'source-dir',
    setup(build) {
      build.onLoad({ filter: /\.[cm]?[jt]s$/ }, async (args) => {
        if (args.path.includes(`${sep}node_modules${sep}`) || !args.path.startsWith(root)) return undefined;
        const text = await readFile(args.path, 'utf8');
        if (!USES.test(text)) return undefined;
        const file = relative(root, args.path).split(sep).join('/');
        const contents = text
          .replace(/\b__dirname\b/g, `${DIST_PATH}(${JSON.stringify(dirname(file))})`)
          .replace(/\b__filename\b/g, `${DIST_PATH}(${JSON.stringify(file)})`);
        return { contents, loader: args.path.endsWith('ts') ? 'ts' : 'js', resolveDir: dirname(args.path) };
      });
    },
  };
}
