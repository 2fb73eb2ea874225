import { DIST_PATH } from './source-dir-plugin.ts';

/**
 * The first lines of a bundle `depth` folders below the out dir: `require` for the CommonJS code
 * esbuild wraps (it may ask for Node's built-ins), and `__cibaDistPath(path)`, the absolute path of a
 * repository-relative `path` inside the out dir (see `sourceDirPlugin`).
 */
export function bundleBanner(depth: number): string {
  const up = '../'.repeat(depth);
  return [
    "import { createRequire as __cibaCreateRequire } from 'node:module';",
    "import { fileURLToPath as __cibaFileURLToPath } from 'node:url';",
    'const require = __cibaCreateRequire(import.meta.url);',
    `const ${DIST_PATH} = (path) => __cibaFileURLToPath(new URL(${JSON.stringify(up)} + path, import.meta.url));`,
  ].join('\n');
}
