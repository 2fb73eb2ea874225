import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { CONFIGURATION_DOC, expectedConfigurationDoc } from '../config-docs.ts';
import { serviceSchemas } from '../config-docs/collect-variables.ts';
import { renderConfiguration } from '../config-docs/render-configuration.ts';

const repoRoot = join(__dirname, '..', '..');

/** The variable names in the first column of docs/configuration.md's table. */
function documentedVariables(markdown: string): Set<string> {
  return new Set([...markdown.matchAll(/^\| `([A-Z][A-Z0-9_]*)` \|/gm)].map((m) => m[1]!));
}

describe('docs/configuration.md', () => {
  it('has a row for every variable of every service schema', async () => {
    const documented = documentedVariables(readFileSync(CONFIGURATION_DOC, 'utf8'));
    const missing: string[] = [];
    for (const [service, schemas] of await serviceSchemas(repoRoot)) {
      for (const schema of schemas) {
        for (const name of Object.keys(schema.shape)) if (!documented.has(name)) missing.push(`${service}: ${name}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('is what scripts/config-docs.ts generates from the schemas (run `npm run config:docs` after changing one)', async () => {
    expect(readFileSync(CONFIGURATION_DOC, 'utf8')).toBe(await expectedConfigurationDoc(repoRoot));
  });

  it('renders each variable once, naming the processes where they disagree', () => {
    const text = renderConfiguration(
      [
        { name: 'SHARED_MS', uses: [{ process: 'a', defaultValue: '`5`', accepts: '1–9', description: 'Same.' }, { process: 'b', defaultValue: '`5`', accepts: '1–9', description: 'Same.' }] },
        { name: 'SPLIT', uses: [{ process: 'a', defaultValue: '`x`', description: 'As a | pipe.' }, { process: 'b', description: 'Other.' }] },
        { name: 'ONLY_B', uses: [{ process: 'b', description: 'B alone.', accepts: '`p`, `q`' }] },
      ],
      ['a', 'b'],
    );
    const rows = text.split('\n').filter((line) => line.startsWith('| `'));
    expect(rows).toEqual([
      '| `SHARED_MS` | every process | `5` | 1–9 | Same. |',
      '| `SPLIT` | every process | **a:** `x`<br>**b:** unset |  | **a:** As a \\| pipe.<br>**b:** Other. |',
      '| `ONLY_B` | `b` | unset | `p`, `q` | B alone. |',
    ]);
    expect(documentedVariables(text)).toEqual(new Set(['SHARED_MS', 'SPLIT', 'ONLY_B']));
  });

  it('picks every zod object named …Env that a service exports', async () => {
    const schemas = await serviceSchemas(repoRoot);
    expect([...schemas.keys()]).toEqual(['all-in-one', 'audit', 'auth-endpoint', 'consent-dispatcher', 'notifier', 'token', 'channel-email', 'channel-push', 'channel-sms', 'channel-webhook']);
    for (const list of schemas.values()) for (const schema of list) expect(schema).toBeInstanceOf(z.ZodObject);
    const notifier = schemas.get('notifier')!.flatMap((s) => Object.keys(s.shape));
    expect(notifier).toEqual(expect.arrayContaining(['NOTIFY_MAX_ATTEMPTS', 'DATABASE_URL', 'INTERNAL_TOKEN']));
    expect(schemas.get('all-in-one')!.flatMap((s) => Object.keys(s.shape))).not.toContain('INTERNAL_TOKEN');
  });
});
