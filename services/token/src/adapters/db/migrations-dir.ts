import { join } from 'node:path';

/** The token service's Prisma Migrate folder, applied at start by `migrate()`. */
export const TOKEN_MIGRATIONS_DIR = join(__dirname, '..', '..', '..', 'prisma', 'migrations');
