import { isAbsolute, join } from 'node:path';
import type { Plugin } from 'esbuild';
import { isEsmFile } from './is-esm-file.ts';

const SKIP = Symbol('external-packages-plugin: resolving');
const CJS = 'cjs-external';

/**
 * Keeps third-party packages out of the bundle, to be loaded from `node_modules` at run time, when
 * the bundle would find the same copy there: the one at the root's `node_modules/<name>`. Our
 * workspace packages (`@ciba/*`) are bundled. A package that a workspace resolves to a copy of its
 * own (`libs/service-kit/node_modules/ipaddr.js` 2.x while the root holds express' 1.x) is bundled
 * too: from `dist/` the bare name would reach the root's other version.
 *
 * An external CommonJS package is reached through a one-line CommonJS module, `module.exports =
 * require('<name>')`, which esbuild bundles: the bundle then reads its named and default exports with
 * the same interop tsx gives our sources (an ESM `import { x } from '<cjs>'` would fail whenever
 * Node.js cannot detect `x`, as with web-push). ES module packages stay plain `import`s.
 */
export function externalPackagesPlugin(root: string): Plugin {
  const rootModules = join(root, 'node_modules') + '/';
  return {
    name: 'external-packages',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === SKIP || isAbsolute(args.path)) return undefined;
        if (args.path.startsWith('node:') || args.namespace === CJS) return { path: args.path, external: true };
        if (args.path.startsWith('@ciba/')) return undefined;
        const resolved = await build.resolve(args.path, { kind: args.kind, resolveDir: args.resolveDir, importer: args.importer, pluginData: SKIP });
        if (resolved.errors.length > 0) return { errors: resolved.errors };
        if (resolved.external) return { path: args.path, external: true };
        // A copy of the workspace's own, not the root's: into the bundle with it.
        if (!resolved.path.startsWith(rootModules)) return { path: resolved.path };
        if (args.kind === 'require-call' || isEsmFile(resolved.path)) return { path: args.path, external: true };
        return { path: args.path, namespace: CJS };
      });
      build.onLoad({ filter: /.*/, namespace: CJS }, (args) => ({ contents: `module.exports = require(${JSON.stringify(args.path)});`, loader: 'js' }));
    },
  };
}
