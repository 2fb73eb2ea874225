import { readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Folders that are not the repository's own Markdown: installed packages, git, build output. */
const SKIPPED = new Set(['node_modules', '.git', 'target', 'dist', 'coverage']);

/** Every `.md` file under `root`, repository-relative paths would be `relative(root, …)`. */
export function markdownFiles(root: string): string[] {
  return readdirSync(root, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(root, entry.name);
      if (entry.isDirectory()) return SKIPPED.has(entry.name) ? [] : markdownFiles(path);
      return entry.isFile() && entry.name.endsWith('.md') ? [path] : [];
    })
    .sort();
}
