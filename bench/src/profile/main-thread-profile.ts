import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The main thread's profile among those a process wrote into `dir` (tsx's loader thread writes a
 * small one of its own): the largest .cpuprofile file; undefined when there is none.
 */
export function mainThreadProfile(dir: string): string | undefined {
  let best: { path: string; size: number } | undefined;
  let entries: string[] = [];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  for (const name of entries) {
    if (!name.endsWith('.cpuprofile')) continue;
    const path = join(dir, name);
    const size = statSync(path).size;
    if (!best || size > best.size) best = { path, size };
  }
  return best?.path;
}
