import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { internalEnv } from '../../libs/service-kit/src/config/internal-env.ts';
import { tsdocIndex, type FieldDoc } from './tsdoc-index.ts';

/** The process that runs every service's routes and consumers (`npm start`): it reads every service's schema. */
export const ALL_IN_ONE = 'all-in-one';

/** One environment variable as one process reads it. */
export interface VariableUse {
  process: string;
  /** Markdown: the schema's own default (what an unset or empty variable becomes), or its TSDoc `@defaultValue`. */
  defaultValue?: string;
  /** Markdown: what the schema accepts (enum values, a whole-number range, a URL). */
  accepts?: string;
  description: string;
}

export interface ConfigVariable {
  name: string;
  uses: VariableUse[];
}

type EnvSchema = z.ZodObject<Record<string, z.ZodType>>;

/**
 * Every service's env schemas: the exports of `services/<name>/src/config.ts` that are zod objects
 * named `…Env`, plus `internalEnv` where the service's `main.ts` reads it (a service run alone). The
 * all-in-one process reads every service's schemas and its own (`CIBA_WORKERS`). New variables and new services are picked up as
 * they are added to those schemas.
 */
export async function serviceSchemas(repoRoot: string): Promise<Map<string, EnvSchema[]>> {
  const byService = new Map<string, EnvSchema[]>();
  for (const [process, folder] of processFolders(repoRoot)) {
    const module = (await import(join(repoRoot, folder, 'src', 'config.ts'))) as Record<string, unknown>;
    const schemas = Object.entries(module)
      .filter(([exported, value]) => exported.endsWith('Env') && value instanceof z.ZodObject)
      .map(([, value]) => value as EnvSchema);
    if (schemas.length === 0) throw new Error(`${folder}/src/config.ts exports no zod object named …Env`);
    const main = join(repoRoot, folder, 'src', 'main.ts');
    if (existsSync(main) && readFileSync(main, 'utf8').includes('internalEnv')) schemas.push(internalEnv as unknown as EnvSchema);
    byService.set(process, schemas);
  }
  // `services/all-in-one/src/config.ts` holds only the all-in-one's own variables: its row reads them and every service's.
  const everything = [...byService.values()].flat().filter((schema) => schema !== (internalEnv as unknown));
  byService.delete(ALL_IN_ONE);
  return new Map([[ALL_IN_ONE, [...new Set(everything)]], ...byService]);
}

/**
 * Every process with a config: `services/<name>` (process `<name>`) and the built-in channels
 * `channels/<name>` (process `channel-<name>`, which the all-in-one embeds).
 */
export function processFolders(repoRoot: string): Map<string, string> {
  const folders = new Map<string, string>();
  for (const [parent, prefix] of [['services', ''], ['channels', 'channel-']] as const) {
    if (!existsSync(join(repoRoot, parent))) continue;
    for (const name of readdirSync(join(repoRoot, parent)).sort()) {
      if (existsSync(join(repoRoot, parent, name, 'src', 'config.ts'))) folders.set(`${prefix}${name}`, `${parent}/${name}`);
    }
  }
  return folders;
}

/** The schema's default for an unset variable, as the process would see it. */
function runtimeDefault(field: z.ZodType): string | undefined {
  const parsed = field.safeParse(undefined);
  if (!parsed.success || parsed.data === undefined) return undefined;
  return Array.isArray(parsed.data) ? parsed.data.join(',') : String(parsed.data);
}

/**
 * The default shown: the schema's own, in code, followed by what the TSDoc adds to it ("86400000 (24 h)");
 * else the TSDoc's (a derived default such as `ISSUER`), in code when it is one word.
 */
function defaultOf(runtime: string | undefined, documented: string | undefined): string | undefined {
  if (runtime !== undefined) {
    const remark = documented?.startsWith(`${runtime} `) ? documented.slice(runtime.length) : '';
    return `\`${runtime}\`${remark}`;
  }
  if (documented === undefined) return undefined;
  return /\s/.test(documented) ? documented : `\`${documented}\``;
}

function accepts(field: z.ZodType): string | undefined {
  let json: Record<string, unknown>;
  try {
    json = z.toJSONSchema(field, { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (Array.isArray(json.enum)) return json.enum.map((v) => `\`${String(v)}\``).join(', ');
  if (json.type === 'integer' || json.type === 'number') {
    const min = json.minimum as number | undefined;
    const max = json.maximum as number | undefined;
    return min !== undefined && max !== undefined ? `${min}–${max}` : 'a number';
  }
  if (json.format === 'uri') return 'a URL';
  return undefined;
}

/** `.describe()` / `.meta({ description })` on the field, else its TSDoc: the service's own first, then the libraries'. */
function describe(name: string, field: z.ZodType, process: string, docs: Map<string, FieldDoc[]>): { text: string; defaultValue?: string } {
  const meta = field.meta() as { description?: string; default?: unknown } | undefined;
  if (meta?.description) return { text: meta.description, ...(meta.default !== undefined ? { defaultValue: String(meta.default) } : {}) };
  const found = docs.get(name) ?? [];
  const folder = process.startsWith('channel-') ? `channels/${process.slice('channel-'.length)}` : `services/${process}`;
  const own = process === ALL_IN_ONE ? undefined : found.find((d) => d.file.startsWith(`${folder}/`));
  const doc = own ?? found.find((d) => d.file.startsWith('libs/')) ?? found[0];
  if (!doc || !doc.text) throw new Error(`${name} (${process}): no TSDoc and no .describe() on its schema field; document it where it is declared`);
  return doc;
}

/**
 * Every variable of every process, sorted by name, each with how each process reads it. Throws when a
 * variable has no description, so an undocumented variable cannot reach the table.
 */
export async function collectVariables(repoRoot: string): Promise<ConfigVariable[]> {
  const schemas = await serviceSchemas(repoRoot);
  const docs = tsdocIndex(repoRoot, ['services', 'channels', 'libs']);
  const variables = new Map<string, VariableUse[]>();
  for (const [process, list] of schemas) {
    const seen = new Set<string>();
    for (const schema of list) {
      for (const [name, field] of Object.entries(schema.shape)) {
        if (seen.has(name)) continue;
        seen.add(name);
        // In the all-in-one, a variable several services read is described by the first service that has its own TSDoc.
        const owner = process === ALL_IN_ONE ? [...schemas.keys()].find((s) => s !== ALL_IN_ONE && schemas.get(s)!.includes(schema)) ?? process : process;
        const doc = describe(name, field, owner, docs);
        const defaultValue = defaultOf(runtimeDefault(field), doc.defaultValue);
        const allowed = accepts(field);
        const use: VariableUse = { process, description: doc.text, ...(defaultValue !== undefined ? { defaultValue } : {}), ...(allowed ? { accepts: allowed } : {}) };
        variables.set(name, [...(variables.get(name) ?? []), use]);
      }
    }
  }
  // Code-point order, the same under every locale, so the generated file never depends on the machine.
  return [...variables].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([name, uses]) => ({ name, uses }));
}
