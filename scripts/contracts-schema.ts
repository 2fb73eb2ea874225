// Writes the JSON Schema of every contract in libs/contracts/src/catalogue.ts to libs/contracts/schema/
// (for consumers in other languages, e.g. a Kafka channel adapter), and the AsyncAPI 3 document of every
// topic to libs/contracts/asyncapi.json. With --check it writes nothing and fails when a checked-in file
// differs from what the zod schemas produce, so CI catches drift.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { z } from 'zod';
import { catalogue } from '../libs/contracts/src/catalogue.ts';
import { asyncapiDocument } from '../libs/contracts/src/asyncapi/asyncapi-document.ts';

const outDir = join(__dirname, '..', 'libs', 'contracts', 'schema');
const check = process.argv.includes('--check');

const expected = new Map<string, string>();
for (const [name, schema] of Object.entries(catalogue)) {
  const json = z.toJSONSchema(schema, { target: 'draft-2020-12', unrepresentable: 'any', io: 'input' });
  expected.set(join(outDir, `${name}.schema.json`), `${JSON.stringify({ $id: `urn:ciba:contracts:${name}`, ...json }, null, 2)}\n`);
}

expected.set(join(outDir, '..', 'asyncapi.json'), `${JSON.stringify(asyncapiDocument(), null, 2)}\n`);

const existing = (dir: string): string[] =>
  existsSync(dir) ? readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? existing(join(dir, e.name)) : [join(dir, e.name)])) : [];

const stale = [...expected].filter(([file, text]) => !existsSync(file) || readFileSync(file, 'utf8') !== text).map(([f]) => f);
const orphans = existing(outDir).filter((f) => !expected.has(f));

if (check) {
  if (stale.length || orphans.length) {
    for (const f of [...stale, ...orphans]) console.error(`contracts schema out of date: ${relative(process.cwd(), f)}`);
    console.error('run `npm run contracts:schema` and commit the result');
    process.exit(1);
  }
  console.log(`contracts schema: ${expected.size} files current`);
} else {
  for (const [file, text] of expected) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
  for (const f of orphans) require('node:fs').rmSync(f);
  console.log(`contracts schema: wrote ${expected.size} files to ${relative(process.cwd(), outDir)} and libs/contracts/asyncapi.json`);
}
