import { readFileSync } from 'node:fs';
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import pg from 'pg';
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from 'vitest';
import { resetDatabase, TEST_DATABASE } from '../../test/db';
import { prisma } from './prisma';

// Prisma's schema engine (`prisma migrate diff`) cannot be installed here, so this test builds
// the same guarantee from parts: the schema as the WebAssembly schema tools read it, and the
// database as its catalogs describe it, both written as one-line "facts" and compared as sets.
// A fact on one side only is a difference, whichever side it is on.

const SCHEMA_PATH = new URL('../../prisma/schema.prisma', import.meta.url);
const POSTGRES_NAME_LIMIT = 63;

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  type: string;
  isList: boolean;
  isRequired: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] };
type DmmfIndex = {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
};
type Dmmf = { datamodel: { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] } };

const SCALAR_TYPES: Record<string, string> = {
  String: 'text',
  Int: 'integer',
  BigInt: 'bigint',
  Float: 'double precision',
  Decimal: 'numeric(65,30)',
  Boolean: 'boolean',
  DateTime: 'timestamp(3) without time zone',
  Json: 'jsonb',
  Bytes: 'bytea',
};

const withArgs = (name: string, args: string[]) => (args.length ? `${name}(${args.join(',')})` : name);

// How PostgreSQL's format_type() spells each @db.* type.
const NATIVE_TYPES: Record<string, (args: string[]) => string> = {
  Text: () => 'text',
  Uuid: () => 'uuid',
  VarChar: (args) => withArgs('character varying', args),
  Char: (args) => withArgs('character', args),
  Integer: () => 'integer',
  SmallInt: () => 'smallint',
  BigInt: () => 'bigint',
  DoublePrecision: () => 'double precision',
  Real: () => 'real',
  Decimal: (args) => withArgs('numeric', args),
  Boolean: () => 'boolean',
  Json: () => 'json',
  JsonB: () => 'jsonb',
  ByteA: () => 'bytea',
  Date: () => 'date',
  Timestamptz: (args) => `${withArgs('timestamp', args)} with time zone`,
  Timestamp: (args) => `${withArgs('timestamp', args)} without time zone`,
};

const REFERENTIAL_ACTIONS: Record<string, string> = {
  Cascade: 'CASCADE',
  Restrict: 'RESTRICT',
  NoAction: 'NO ACTION',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};
const PG_REFERENTIAL_ACTIONS: Record<string, string> = {
  c: 'CASCADE',
  r: 'RESTRICT',
  a: 'NO ACTION',
  n: 'SET NULL',
  d: 'SET DEFAULT',
};

const INDEX_METHODS: Record<string, string> = {
  BTree: 'btree',
  Hash: 'hash',
  Gist: 'gist',
  Gin: 'gin',
  SpGist: 'spgist',
  Brin: 'brin',
};

function loadDmmf(): Dmmf {
  const params = { prismaSchema: [['schema.prisma', readFileSync(SCHEMA_PATH, 'utf8')]] };
  return JSON.parse(get_dmmf(JSON.stringify(params))) as Dmmf;
}

/** Prisma's default constraint names: the prefix is cut so that the suffix survives the limit. */
function defaultName(table: string, columns: string[], suffix: string): string {
  const base = columns.length ? `${table}_${columns.join('_')}` : table;
  return `${base.slice(0, POSTGRES_NAME_LIMIT - suffix.length - 1)}_${suffix}`;
}

function quoteIfNeeded(identifier: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(identifier) ? identifier : `"${identifier.replaceAll('"', '""')}"`;
}

function unsupported(what: string): Error {
  return new Error(`schema-drift test: teach it ${what} before using it in prisma/schema.prisma`);
}

function schemaFacts(dmmf: Dmmf): string[] {
  const { models, enums, indexes } = dmmf.datamodel;
  const modelsByName = new Map(models.map((model) => [model.name, model]));
  const enumsByName = new Map(enums.map((e) => [e.name, e]));
  const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
  const columnOf = (model: DmmfModel, fieldName: string) => {
    const field = model.fields.find((candidate) => candidate.name === fieldName);
    if (!field) throw new Error(`${model.name}.${fieldName} is not a field`);
    return field.dbName ?? field.name;
  };

  const facts = enums.map(
    (e) => `enum ${e.dbName ?? e.name} (${e.values.map((value) => value.dbName ?? value.name).join(', ')})`,
  );

  for (const model of models) {
    const table = tableOf(model);
    facts.push(`table ${table}`);
    for (const field of model.fields) {
      if (field.kind === 'object') {
        const from = field.relationFromFields ?? [];
        if (from.length === 0) continue;
        const target = modelsByName.get(field.type);
        if (!target) throw new Error(`${model.name}.${field.name} relates to unknown ${field.type}`);
        const required = from.every((name) => model.fields.find((f) => f.name === name)?.isRequired);
        // Prisma's defaults when the relation does not say.
        const onDelete = field.relationOnDelete ?? (required ? 'Restrict' : 'SetNull');
        const onUpdate = field.relationOnUpdate ?? 'Cascade';
        facts.push(
          `foreign key ${table} (${from.map((name) => columnOf(model, name)).join(', ')}) ` +
            `references ${tableOf(target)} (${(field.relationToFields ?? []).map((name) => columnOf(target, name)).join(', ')}) ` +
            `on delete ${REFERENTIAL_ACTIONS[onDelete]} on update ${REFERENTIAL_ACTIONS[onUpdate]}`,
        );
        continue;
      }
      const column = field.dbName ?? field.name;
      const type = columnType(field, enumsByName);
      const dbDefault = columnDefault({ field, table, column, type, enumsByName });
      facts.push(
        `column ${table}.${column} ${type} ${field.isRequired ? 'NOT NULL' : 'NULL'}` +
          (dbDefault === null ? '' : ` DEFAULT ${dbDefault}`),
      );
    }
  }

  for (const index of indexes) {
    const model = modelsByName.get(index.model);
    if (!model) throw new Error(`index on unknown model ${index.model}`);
    const table = tableOf(model);
    const columns = index.fields.map((field) => columnOf(model, field.name));
    const keys = index.fields.map((field, i) => `${columns[i]}${field.sortOrder === 'desc' ? ' DESC' : ''}`).join(', ');
    if (index.type === 'id') {
      facts.push(`primary key ${index.dbName ?? defaultName(table, [], 'pkey')} on ${table} (${keys})`);
    } else if (index.type === 'unique' || index.type === 'normal') {
      const unique = index.type === 'unique';
      const name = index.dbName ?? defaultName(table, columns, unique ? 'key' : 'idx');
      const method = INDEX_METHODS[index.algorithm ?? 'BTree'];
      if (!method) throw unsupported(`index type ${index.algorithm}`);
      facts.push(`${unique ? 'unique index' : 'index'} ${name} on ${table} using ${method} (${keys})`);
    } else {
      throw unsupported(`${index.type} indexes`);
    }
  }
  return facts;
}

function columnType(field: DmmfField, enumsByName: Map<string, DmmfEnum>): string {
  let type: string | undefined;
  if (field.kind === 'enum') {
    const e = enumsByName.get(field.type);
    type = e && quoteIfNeeded(e.dbName ?? e.name);
  } else if (field.nativeType) {
    const [name, args] = field.nativeType;
    type = NATIVE_TYPES[name]?.(args);
    if (!type) throw unsupported(`@db.${name}`);
  } else {
    type = SCALAR_TYPES[field.type];
  }
  if (!type) throw unsupported(`fields of type ${field.type}`);
  return field.isList ? `${type}[]` : type;
}

/** The default as pg_get_expr() prints it, or null when the database holds none. */
function columnDefault({
  field,
  table,
  column,
  type,
  enumsByName,
}: {
  field: DmmfField;
  table: string;
  column: string;
  type: string;
  enumsByName: Map<string, DmmfEnum>;
}): string | null {
  if (!field.hasDefaultValue) return null;
  const value = field.default;
  if (typeof value === 'object' && value !== null && 'name' in value) {
    const { name, args } = value as { name: string; args: unknown[] };
    if (name === 'now') return 'CURRENT_TIMESTAMP';
    if (name === 'dbgenerated') return String(args[0]);
    if (name === 'autoincrement') return `nextval('${table}_${column}_seq'::regclass)`;
    // Generated by the client: the column has no default of its own.
    if (['uuid', 'cuid', 'nanoid', 'ulid'].includes(name)) return null;
    throw unsupported(`@default(${name}())`);
  }
  if (field.kind === 'enum') {
    const dbValue = enumsByName.get(field.type)?.values.find((v) => v.name === value);
    return `'${dbValue?.dbName ?? String(value)}'::${type}`;
  }
  if (typeof value === 'number') return value < 0 ? `'${value}'::${type}` : String(value);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `'${value.replaceAll("'", "''")}'::${type}`;
  throw unsupported(`the default ${JSON.stringify(value)}`);
}

// Everything below reads the current schema only, and ignores Prisma's own bookkeeping table.
const inScope = (alias: string) =>
  `${alias}.relnamespace = current_schema()::regnamespace AND ${alias}.relname <> '_prisma_migrations'`;

async function databaseFacts(client: pg.ClientBase): Promise<string[]> {
  const enums = await client.query<{ name: string; values: string[] }>(`
      SELECT t.typname AS name,
             coalesce(array_agg(e.enumlabel::text ORDER BY e.enumsortorder) FILTER (WHERE e.oid IS NOT NULL), '{}') AS values
        FROM pg_type t LEFT JOIN pg_enum e ON e.enumtypid = t.oid
       WHERE t.typtype = 'e' AND t.typnamespace = current_schema()::regnamespace
       GROUP BY t.typname`);
  const tables = await client.query<{ name: string }>(
    `SELECT relname AS name FROM pg_class c WHERE c.relkind IN ('r', 'p') AND ${inScope('c')}`,
  );
  const columns = await client.query<{
    table: string;
    column: string;
    type: string;
    not_null: boolean;
    default: string | null;
  }>(`
      SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
             a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
        FROM pg_attribute a
        JOIN pg_class c ON c.oid = a.attrelid
        LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
       WHERE c.relkind IN ('r', 'p') AND ${inScope('c')} AND a.attnum > 0 AND NOT a.attisdropped`);
  // indoption bit 1 is DESC, bit 2 NULLS FIRST; only a non-default NULLS placement is spelled out.
  const indexes = await client.query<{
    table: string;
    name: string;
    unique: boolean;
    primary: boolean;
    method: string;
    predicate: string | null;
    keys: string[];
  }>(`
      SELECT t.relname AS table, ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary,
             am.amname AS method, pg_get_expr(i.indpred, i.indrelid) AS predicate,
             ARRAY(
               SELECT CASE WHEN k.ord > i.indnkeyatts THEN 'INCLUDE ' ELSE '' END
                   || CASE WHEN k.attnum = 0 THEN pg_get_indexdef(i.indexrelid, k.ord::int, true) ELSE a.attname::text END
                   || CASE WHEN i.indoption[(k.ord - 1)::int] & 1 = 1 THEN ' DESC' ELSE '' END
                   || CASE WHEN (i.indoption[(k.ord - 1)::int] & 2 = 2) <> (i.indoption[(k.ord - 1)::int] & 1 = 1)
                           THEN CASE WHEN i.indoption[(k.ord - 1)::int] & 2 = 2 THEN ' NULLS FIRST' ELSE ' NULLS LAST' END
                           ELSE '' END
                 FROM unnest(i.indkey::int2[]) WITH ORDINALITY AS k(attnum, ord)
                 LEFT JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum
                ORDER BY k.ord) AS keys
        FROM pg_index i
        JOIN pg_class t ON t.oid = i.indrelid
        JOIN pg_class ic ON ic.oid = i.indexrelid
        JOIN pg_am am ON am.oid = ic.relam
       WHERE ${inScope('t')}`);
  const foreignKeys = await client.query<{
    table: string;
    columns: string[];
    ref_table: string;
    ref_columns: string[];
    on_delete: string;
    on_update: string;
  }>(`
      SELECT t.relname AS table, r.relname AS ref_table, c.confdeltype AS on_delete, c.confupdtype AS on_update,
             ARRAY(SELECT a.attname::text FROM unnest(c.conkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum ORDER BY k.ord) AS columns,
             ARRAY(SELECT a.attname::text FROM unnest(c.confkey) WITH ORDINALITY AS k(attnum, ord)
                     JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum ORDER BY k.ord) AS ref_columns
        FROM pg_constraint c
        JOIN pg_class t ON t.oid = c.conrelid
        JOIN pg_class r ON r.oid = c.confrelid
       WHERE c.contype = 'f' AND ${inScope('t')}`);

  return [
    ...enums.rows.map((e) => `enum ${e.name} (${e.values.join(', ')})`),
    ...tables.rows.map((t) => `table ${t.name}`),
    ...columns.rows.map(
      (c) =>
        `column ${c.table}.${c.column} ${c.type} ${c.not_null ? 'NOT NULL' : 'NULL'}` +
        (c.default === null ? '' : ` DEFAULT ${c.default}`),
    ),
    ...indexes.rows.map((i) => {
      const keys = i.keys.join(', ');
      if (i.primary) return `primary key ${i.name} on ${i.table} (${keys})`;
      return (
        `${i.unique ? 'unique index' : 'index'} ${i.name} on ${i.table} using ${i.method} (${keys})` +
        (i.predicate ? ` WHERE ${i.predicate}` : '')
      );
    }),
    ...foreignKeys.rows.map(
      (fk) =>
        `foreign key ${fk.table} (${fk.columns.join(', ')}) references ${fk.ref_table} (${fk.ref_columns.join(', ')}) ` +
        `on delete ${PG_REFERENTIAL_ACTIONS[fk.on_delete]} on update ${PG_REFERENTIAL_ACTIONS[fk.on_update]}`,
    ),
  ];
}

function compareFacts(schema: string[], database: string[]): string[] {
  const inSchema = new Set(schema);
  const inDatabase = new Set(database);
  return [
    ...schema.filter((fact) => !inDatabase.has(fact)).map((fact) => `missing from the database: ${fact}`),
    ...database.filter((fact) => !inSchema.has(fact)).map((fact) => `not declared in the schema: ${fact}`),
  ].sort();
}

const expected = schemaFacts(loadDmmf());
let client: pg.Client;

beforeAll(async () => {
  // Drift statements such as SET NOT NULL must not trip over rows other test files left behind.
  await resetDatabase();
  client = new pg.Client({ connectionString: inject('databaseUrl') });
  await client.connect();
});

afterAll(async () => {
  await client.end();
});

/** Runs `statement` in a transaction that is always rolled back, and compares inside it. */
async function compareAfter(statement: string): Promise<string[]> {
  await client.query('BEGIN');
  try {
    await client.query(statement);
    return compareFacts(expected, await databaseFacts(client));
  } finally {
    await client.query('ROLLBACK');
  }
}

describe('prisma/schema.prisma and the migrated database', () => {
  it('describe the same tables, columns, enums, keys and indexes', async () => {
    expect(compareFacts(expected, await databaseFacts(client))).toEqual([]);
  });

  it('cover every kind of object the comparison checks', () => {
    const kinds = new Set(expected.map((fact) => fact.split(' ')[0]));
    expect([...kinds].sort()).toEqual(['column', 'enum', 'foreign', 'index', 'primary', 'table', 'unique']);
    expect(expected).toContain(
      'index overlays_queue_decided_idx on overlays using btree (organization_id, status, decided_at DESC, block_run_id DESC)',
    );
  });
});

describe('the comparison reports drift', () => {
  const missing = 'missing from the database: ';
  const extra = 'not declared in the schema: ';
  it.each([
    {
      drift: 'an undeclared column',
      sql: 'ALTER TABLE "organizations" ADD COLUMN "extra" text',
      report: `${extra}column organizations.extra text NULL`,
    },
    {
      drift: 'a missing column',
      sql: 'ALTER TABLE "api_keys" DROP COLUMN "last_used_at"',
      report: `${missing}column api_keys.last_used_at timestamp(3) with time zone NULL`,
    },
    {
      drift: 'a column type',
      sql: 'ALTER TABLE "overlays" ALTER COLUMN "head_seq" TYPE bigint',
      report: `${extra}column overlays.head_seq bigint NOT NULL DEFAULT 0`,
    },
    {
      drift: 'nullability',
      sql: 'ALTER TABLE "actors" ALTER COLUMN "email" SET NOT NULL',
      report: `${extra}column actors.email text NOT NULL`,
    },
    {
      drift: 'a dropped default',
      sql: 'ALTER TABLE "overlays" ALTER COLUMN "rev" DROP DEFAULT',
      report: `${missing}column overlays.rev integer NOT NULL DEFAULT 0`,
    },
    {
      drift: 'a changed default',
      sql: `ALTER TABLE "workflow_runs" ALTER COLUMN "status" SET DEFAULT 'resumed'`,
      report: `${extra}column workflow_runs.status run_status NOT NULL DEFAULT 'resumed'::run_status`,
    },
    { drift: 'an undeclared table', sql: 'CREATE TABLE "stray" ("id" integer)', report: `${extra}table stray` },
    { drift: 'a missing table', sql: 'DROP TABLE "sessions"', report: `${missing}table sessions` },
    {
      drift: 'an extra enum value',
      sql: `ALTER TYPE "verdict" ADD VALUE 'abstained'`,
      report: `${extra}enum verdict (approved, rejected, abstained)`,
    },
    {
      drift: 'enum values out of order',
      sql: `ALTER TYPE "verdict" RENAME VALUE 'approved' TO 'tmp'; ALTER TYPE "verdict" RENAME VALUE 'rejected' TO 'approved'; ALTER TYPE "verdict" RENAME VALUE 'tmp' TO 'rejected'`,
      report: `${extra}enum verdict (rejected, approved)`,
    },
    {
      drift: 'an undeclared enum',
      sql: `CREATE TYPE "stray_kind" AS ENUM ('a')`,
      report: `${extra}enum stray_kind (a)`,
    },
    {
      drift: 'a lost sort order',
      sql: 'DROP INDEX "overlays_queue_awaiting_idx"; CREATE INDEX "overlays_queue_awaiting_idx" ON "overlays" ("organization_id", "status", "priority", "awaiting_since", "block_run_id")',
      report: `${missing}index overlays_queue_awaiting_idx on overlays using btree (organization_id, status, priority DESC, awaiting_since, block_run_id)`,
    },
    {
      drift: 'a unique index that is no longer unique',
      sql: 'DROP INDEX "api_keys_key_hash_key"; CREATE INDEX "api_keys_key_hash_key" ON "api_keys" ("key_hash")',
      report: `${missing}unique index api_keys_key_hash_key on api_keys using btree (key_hash)`,
    },
    {
      drift: 'an undeclared index',
      sql: 'CREATE INDEX "sessions_expires_at_idx" ON "sessions" ("expires_at")',
      report: `${extra}index sessions_expires_at_idx on sessions using btree (expires_at)`,
    },
    {
      drift: 'a renamed index',
      sql: 'ALTER INDEX "overlays_run_pk_idx" RENAME TO "overlays_run_idx"',
      report: `${missing}index overlays_run_pk_idx on overlays using btree (run_pk)`,
    },
    {
      drift: 'a primary key over other columns',
      sql: 'ALTER TABLE "idempotency_records" DROP CONSTRAINT "idempotency_records_pkey", ADD CONSTRAINT "idempotency_records_pkey" PRIMARY KEY ("command_id", "overlay_id")',
      report: `${missing}primary key idempotency_records_pkey on idempotency_records (overlay_id, actor_id, command_id)`,
    },
    {
      drift: 'an ON DELETE action',
      sql: 'ALTER TABLE "outbox_events" DROP CONSTRAINT "outbox_events_decision_id_fkey", ADD CONSTRAINT "outbox_events_decision_id_fkey" FOREIGN KEY ("decision_id") REFERENCES "decisions"("id") ON DELETE CASCADE ON UPDATE CASCADE',
      report: `${extra}foreign key outbox_events (decision_id) references decisions (id) on delete CASCADE on update CASCADE`,
    },
    {
      drift: 'a missing foreign key',
      sql: 'ALTER TABLE "sessions" DROP CONSTRAINT "sessions_actor_id_fkey"',
      report: `${missing}foreign key sessions (actor_id) references actors (id) on delete RESTRICT on update CASCADE`,
    },
  ])('$drift', async ({ sql, report }) => {
    expect(await compareAfter(sql)).toContain(report);
  });

  it('and rolls every drift back', async () => {
    expect(compareFacts(expected, await databaseFacts(client))).toEqual([]);
  });
});

describe('history tables', () => {
  beforeEach(resetDatabase);
  afterAll(resetDatabase);

  const seedHistory = `
    INSERT INTO organizations (id, slug, name) VALUES ('00000000-0000-4000-8000-000000000001', 'acme', 'Acme');
    INSERT INTO actors (id, organization_id, public_id, kind, display_name, role)
      VALUES ('00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000001', 'act_ada', 'human', 'Ada', 'reviewer');
    INSERT INTO workflow_runs (id, organization_id, run_id, workflow_id)
      VALUES ('00000000-0000-4000-8000-000000000003', '00000000-0000-4000-8000-000000000001', 'run_1', 'wf_1');
    INSERT INTO overlays (id, organization_id, run_pk, workflow_id, workflow_version_id, workflow_run_id, block_id,
                          block_run_id, block_type, triggered_by, awaiting_since, gate_fingerprint)
      VALUES ('00000000-0000-4000-8000-000000000004', '00000000-0000-4000-8000-000000000001',
              '00000000-0000-4000-8000-000000000003', 'wf_1', 'wfv_1', 'run_1', 'blk_1', 'run_1:blk_1', 'extract',
              '{}', now(), 'fingerprint');
    INSERT INTO output_versions (overlay_id, seq, origin, author_id, snapshot, content_sha256)
      VALUES ('00000000-0000-4000-8000-000000000004', 1, 'model_output', '00000000-0000-4000-8000-000000000002', '{}', 'sha');
    INSERT INTO decisions (id, overlay_id, verdict, decided_by_id, decided_at, on_seq)
      VALUES ('dec_1', '00000000-0000-4000-8000-000000000004', 'approved', '00000000-0000-4000-8000-000000000002', now(), 1);
    INSERT INTO audit_entries (id, overlay_id, event, actor_id, at, rev_observed, rev_result, ordinal, detail)
      VALUES ('aud_1', '00000000-0000-4000-8000-000000000004', 'gate_opened', '00000000-0000-4000-8000-000000000002',
              now(), 0, 1, 0, '{}');`;

  it.each([
    { table: 'output_versions', sql: `UPDATE output_versions SET note = 'rewritten'` },
    { table: 'output_versions', sql: 'DELETE FROM output_versions' },
    { table: 'decisions', sql: `UPDATE decisions SET reason = 'rewritten'` },
    { table: 'decisions', sql: 'DELETE FROM decisions' },
    { table: 'audit_entries', sql: `UPDATE audit_entries SET detail = '{"rewritten": true}'` },
    { table: 'audit_entries', sql: 'DELETE FROM audit_entries' },
  ])('refuse $sql', async ({ table, sql }) => {
    await client.query(seedHistory);
    await expect(client.query(sql)).rejects.toMatchObject({
      code: '23000',
      message: expect.stringContaining(`rows of ${table} are immutable`),
    });
    const { rows } = await client.query<{ count: string }>(`SELECT count(*) FROM ${client.escapeIdentifier(table)}`);
    expect(rows[0]?.count).toBe('1');
  });

  it('are still emptied by resetDatabase(), which the Prisma client of a worker sees in the test database', async () => {
    await client.query(seedHistory);
    await resetDatabase();
    const [{ database } = { database: '' }] = await prisma.$queryRaw<{ database: string }[]>`
      SELECT current_database() AS database`;
    expect(database).toBe(TEST_DATABASE);
    expect(await prisma.outputVersion.count()).toBe(0);
    expect(await prisma.auditEntry.count()).toBe(0);
    expect(await prisma.organization.count()).toBe(0);
  });
});
