// Writes docs/configuration.md, one table of every environment variable of every process, from the
// services' zod env schemas and their TSDoc (see scripts/config-docs/). With --check it writes nothing
// and fails when the checked-in file differs from what the schemas produce, so `npm test` catches a
// variable added without re-running it.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { collectVariables, serviceSchemas } from './config-docs/collect-variables.ts';
import { renderConfiguration } from './config-docs/render-configuration.ts';

export const CONFIGURATION_DOC = join(__dirname, '..', 'docs', 'configuration.md');

/** The text docs/configuration.md should have. */
export async function expectedConfigurationDoc(repoRoot = join(__dirname, '..')): Promise<string> {
  const processes = [...(await serviceSchemas(repoRoot)).keys()];
  return renderConfiguration(await collectVariables(repoRoot), processes);
}

async function main(): Promise<void> {
  const expected = await expectedConfigurationDoc();
  const file = relative(process.cwd(), CONFIGURATION_DOC);
  if (process.argv.includes('--check')) {
    if (!existsSync(CONFIGURATION_DOC) || readFileSync(CONFIGURATION_DOC, 'utf8') !== expected) {
      console.error(`${file} is out of date with the config schemas: run \`npm run config:docs\` and commit the result`);
      process.exit(1);
    }
    console.log(`config docs: ${file} current`);
    return;
  }
  writeFileSync(CONFIGURATION_DOC, expected);
  console.log(`config docs: wrote ${file}`);
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
