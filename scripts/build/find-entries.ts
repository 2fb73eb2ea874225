import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** One program of the image: a TypeScript main and where its bundle goes under the out dir (no extension). */
export interface Entry {
  /** Path of the source main, relative to the repository root. */
  source: string;
  /** Output path without `.mjs`, relative to the out dir: `services/token/main`. */
  output: string;
}

/** The migration command: every service's schema, then exit (`dist/migrate.mjs`). */
export const MIGRATE_ENTRY: Entry = { source: 'services/all-in-one/src/migrate.ts', output: 'migrate' };

/** Folders whose `<name>/src/main.ts` is a program; a new service, channel or tool is picked up as it is added. */
export const ENTRY_FOLDERS = ['services', 'channels', 'examples', 'tools'] as const;

/**
 * Every program to compile: `<folder>/<name>/src/main.ts` → `<folder>/<name>/main.mjs` for each of
 * `ENTRY_FOLDERS`, plus the migration command. Sorted, so builds and their logs are stable.
 */
export function findEntries(root: string): Entry[] {
  const entries: Entry[] = [];
  for (const folder of ENTRY_FOLDERS) {
    if (!existsSync(join(root, folder))) continue;
    for (const name of readdirSync(join(root, folder)).sort()) {
      const source = `${folder}/${name}/src/main.ts`;
      if (existsSync(join(root, source))) entries.push({ source, output: `${folder}/${name}/main` });
    }
  }
  return [...entries, MIGRATE_ENTRY];
}
