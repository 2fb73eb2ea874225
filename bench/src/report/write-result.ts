import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** Writes `<dir>/<ISO timestamp>[-suffix].json` and returns its path. */
export function writeResult(dir: string, result: unknown, suffix = ''): string {
  mkdirSync(dir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const path = join(dir, `${stamp}${suffix}.json`);
  const replacer = (_key: string, value: unknown) => (typeof value === 'number' && !Number.isFinite(value) ? null : value);
  writeFileSync(path, `${JSON.stringify(result, replacer, 2)}\n`);
  return path;
}
