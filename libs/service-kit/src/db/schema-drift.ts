import { readFile } from 'node:fs/promises';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';

interface DmmfField {
  name: string;
  dbName: string | null;
  kind: 'scalar' | 'enum' | 'object';
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType: [string, string[]] | null;
  relationFromFields?: string[];
}
interface DmmfModel { name: string; dbName: string | null; fields: DmmfField[] }
interface DmmfIndex { model: string; type: 'id' | 'unique' | 'normal' | 'fulltext'; fields: Array<{ name: string }> }
interface DmmfEnum { name: string; dbName: string | null; values: Array<{ name: string; dbName: string | null }> }

/** What Prisma's migrations would create for a field: PostgreSQL `udt_name` (arrays prefixed `_`). */
function expectedUdt(field: DmmfField, enums: DmmfEnum[]): string {
  if (field.kind === 'enum') {
    const e = enums.find((x) => x.name === field.type);
    return e?.dbName ?? field.type;
  }
  const native = field.nativeType?.[0];
  const base: Record<string, string> = { String: 'text', Int: 'int4', BigInt: 'int8', Boolean: 'bool', DateTime: 'timestamp', Json: 'jsonb', Float: 'float8', Decimal: 'numeric', Bytes: 'bytea' };
  const natives: Record<string, string> = { Uuid: 'uuid', Timestamptz: 'timestamptz', Timestamp: 'timestamp', Text: 'text', VarChar: 'varchar', Integer: 'int4', SmallInt: 'int2', JsonB: 'jsonb', Json: 'json' };
  const udt = (native && natives[native]) || base[field.type] || field.type;
  return field.isList ? `_${udt}` : udt;
}

const defaultIsInDatabase = (d: unknown) =>
  d !== undefined && !(typeof d === 'object' && d !== null && 'name' in d && ['uuid', 'cuid', 'nanoid', 'ulid'].includes((d as { name: string }).name));

/**
 * Compares a Prisma schema with the tables that the SQL migrations actually built in `schema`:
 * tables, columns, types, nullability, defaults, primary keys, unique and plain indexes, foreign keys
 * and enums. Returns one line per disagreement (empty when they agree). Needs no schema engine:
 * the schema is read through Prisma's WASM parser and the database through the catalogs.
 */
export async function schemaDrift(schemaFile: string, databaseUrl: string, schema: string): Promise<string[]> {
  const text = await readFile(schemaFile, 'utf8');
  const dmmf = JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: [['schema.prisma', text]], noColor: true }))).datamodel as {
    models: DmmfModel[];
    indexes: DmmfIndex[];
    enums: DmmfEnum[];
  };
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const q = async <T extends pg.QueryResultRow>(sql: string) => (await client.query<T>(sql, [schema])).rows;
    const columns = await q<{ table_name: string; column_name: string; udt_name: string; is_nullable: string; column_default: string | null }>(
      `SELECT table_name, column_name, udt_name, is_nullable, column_default FROM information_schema.columns WHERE table_schema = $1`,
    );
    const indexes = await q<{ table: string; unique: boolean; primary: boolean; partial: boolean; columns: string[] }>(
      `SELECT t.relname AS table, i.indisunique AS unique, i.indisprimary AS primary, i.indpred IS NOT NULL AS partial,
              ARRAY(SELECT a.attname FROM unnest(i.indkey) WITH ORDINALITY k(n, o) JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.n ORDER BY k.o)::text[] AS columns
         FROM pg_index i JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace ns ON ns.oid = t.relnamespace WHERE ns.nspname = $1`,
    );
    const fks = await q<{ table: string; columns: string[] }>(
      `SELECT c.conrelid::regclass::text AS table, ARRAY(SELECT a.attname FROM unnest(c.conkey) k(n) JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.n)::text[] AS columns
         FROM pg_constraint c JOIN pg_namespace ns ON ns.oid = c.connamespace WHERE c.contype = 'f' AND ns.nspname = $1`,
    );
    const enumRows = await q<{ name: string; values: string[] }>(
      `SELECT t.typname AS name, ARRAY(SELECT e.enumlabel FROM pg_enum e WHERE e.enumtypid = t.oid ORDER BY e.enumsortorder)::text[] AS values
         FROM pg_type t JOIN pg_namespace ns ON ns.oid = t.typnamespace WHERE t.typtype = 'e' AND ns.nspname = $1`,
    );

    const drift: string[] = [];
    const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
    const columnOf = (m: DmmfModel, fieldName: string) => {
      const f = m.fields.find((x) => x.name === fieldName)!;
      return f.dbName ?? f.name;
    };
    const dbTables = new Set(columns.map((c) => c.table_name).filter((t) => t !== '_prisma_migrations'));
    for (const model of dmmf.models) {
      const table = tableOf(model);
      if (!dbTables.delete(table)) {
        drift.push(`table ${table} (model ${model.name}) is not created by the migrations`);
        continue;
      }
      const dbCols = new Map(columns.filter((c) => c.table_name === table).map((c) => [c.column_name, c]));
      for (const field of model.fields.filter((f) => f.kind !== 'object')) {
        const name = field.dbName ?? field.name;
        const col = dbCols.get(name);
        if (!col) {
          drift.push(`column ${table}.${name} is missing`);
          continue;
        }
        dbCols.delete(name);
        const udt = expectedUdt(field, dmmf.enums);
        if (col.udt_name !== udt) drift.push(`column ${table}.${name} is ${col.udt_name}, schema says ${udt}`);
        if (!field.isList && field.isRequired !== (col.is_nullable === 'NO')) drift.push(`column ${table}.${name} nullability differs`);
        const wantsDefault = field.hasDefaultValue && defaultIsInDatabase(field.default);
        if (wantsDefault !== (col.column_default !== null)) drift.push(`column ${table}.${name} default differs`);
      }
      for (const extra of dbCols.keys()) drift.push(`column ${table}.${extra} is not in the schema`);

      const tableIndexes = indexes.filter((i) => i.table === table);
      const matches = (cols: string[], pred: (i: (typeof indexes)[number]) => boolean) =>
        tableIndexes.some((i) => pred(i) && !i.partial && i.columns.join(',') === cols.join(','));
      const used = new Set<(typeof indexes)[number]>();
      for (const idx of dmmf.indexes.filter((i) => i.model === model.name)) {
        const cols = idx.fields.map((f) => columnOf(model, f.name));
        const pred = idx.type === 'id' ? (i: (typeof indexes)[number]) => i.primary : idx.type === 'unique' ? (i: (typeof indexes)[number]) => i.unique && !i.primary : (i: (typeof indexes)[number]) => !i.unique;
        if (!matches(cols, pred)) drift.push(`${idx.type} index on ${table}(${cols.join(', ')}) is missing`);
        tableIndexes.filter((i) => pred(i) && i.columns.join(',') === cols.join(',')).forEach((i) => used.add(i));
      }
      for (const i of tableIndexes) {
        // Partial indexes cannot be expressed in the Prisma schema; they are allowed as SQL-only additions.
        if (!used.has(i) && !i.partial) drift.push(`index on ${table}(${i.columns.join(', ')}) is not in the schema`);
      }
      for (const field of model.fields.filter((f) => f.kind === 'object' && f.relationFromFields?.length)) {
        const cols = field.relationFromFields!.map((n) => columnOf(model, n));
        const found = fks.some((fk) => fk.table.replace(/^.*\./, '').replace(/"/g, '') === table && fk.columns.join(',') === cols.join(','));
        if (!found) drift.push(`foreign key ${table}(${cols.join(', ')}) is missing`);
      }
    }
    for (const extra of dbTables) drift.push(`table ${extra} is not in the schema`);
    for (const e of dmmf.enums) {
      const name = e.dbName ?? e.name;
      const row = enumRows.find((r) => r.name === name);
      const values = e.values.map((v) => v.dbName ?? v.name);
      if (!row) drift.push(`enum ${name} is missing`);
      else if (row.values.join(',') !== values.join(',')) drift.push(`enum ${name} has [${row.values}], schema says [${values}]`);
    }
    return drift;
  } finally {
    await client.end();
  }
}
