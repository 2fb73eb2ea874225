import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const typeOfFolder = new Map<string, string | undefined>();

/** The `type` of the package.json nearest to `folder` (what Node.js reads to decide a `.js` file's format). */
function packageType(folder: string): string | undefined {
  if (typeOfFolder.has(folder)) return typeOfFolder.get(folder);
  const manifest = join(folder, 'package.json');
  const parent = dirname(folder);
  const type = existsSync(manifest) ? ((JSON.parse(readFileSync(manifest, 'utf8')) as { type?: string }).type ?? 'commonjs') : parent === folder ? undefined : packageType(parent);
  typeOfFolder.set(folder, type);
  return type;
}

/** Whether Node.js loads `file` as an ES module: `.mjs`, or `.js` under a `"type": "module"` package. */
export function isEsmFile(file: string): boolean {
  if (file.endsWith('.mjs')) return true;
  if (!file.endsWith('.js')) return false;
  return packageType(dirname(file)) === 'module';
}
