import { cp, readdir } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Files the programs read at run time, copied to the same repository-relative place under the out dir
 * (where `sourceDirPlugin` points their `__dirname`): each service's Prisma Migrate folder, which
 * `migrate()` and the production schema check read. Returns the folders copied (repository-relative).
 */
export async function copyAssets(root: string, outDir: string): Promise<string[]> {
  const copied: string[] = [];
  for (const name of (await readdir(join(root, 'services'))).sort()) {
    const migrations = `services/${name}/prisma/migrations`;
    if (!existsSync(join(root, migrations))) continue;
    await cp(join(root, migrations), join(outDir, migrations), { recursive: true });
    copied.push(migrations);
  }
  return copied;
}
