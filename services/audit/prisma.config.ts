import { defineConfig } from 'prisma/config';

// Used by `prisma generate` (offline) and, where the schema-engine binary exists, `prisma migrate deploy`.
// The service applies the same migrations itself (libs/service-kit migrate()).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: `${process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/ciba'}?schema=audit` },
});
