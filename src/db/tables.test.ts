import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb } from '../../test/support/db.js';

/**
 * `tables.ts` is written by hand; this holds it to what the migrations really make. Every table
 * and column the migrations create must be in the Database interface (camelCase), with `| null`
 * exactly where the column accepts NULL, and nothing more.
 */
const camel = (name: string) => name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

/** Table → column → TypeScript type text, read from tables.ts itself. */
function declaredTables(): Map<string, Map<string, string>> {
  const source = fs.readFileSync(path.join(import.meta.dirname, 'tables.ts'), 'utf8');
  const interfaces = new Map<string, string>();
  for (const match of source.matchAll(/export interface (\w+) \{\n([\s\S]*?)\n\}/g)) interfaces.set(match[1] as string, match[2] as string);
  const fields = (body: string) =>
    new Map(
      [...body.matchAll(/^\s*(?:\/\*\*.*\*\/\s*)?(\w+): ([^;\n]+);?$/gm)].map(
        (m) => [m[1] as string, (m[2] as string).trim()] as [string, string],
      ),
    );
  const database = interfaces.get('Database') as string;
  const tables = new Map<string, Map<string, string>>();
  for (const match of database.matchAll(/^\s*(\w+): (\w+Table|\{[^}]*\});$/gm)) {
    const [, table, type] = match as unknown as [string, string, string];
    if (type.startsWith('{')) {
      tables.set(
        table,
        new Map(
          type
            .slice(1, -1)
            .split(';')
            .map((part) => part.trim())
            .filter(Boolean)
            .map((part) => {
              const [name, ...rest] = part.split(':');
              return [(name as string).trim(), rest.join(':').trim()] as [string, string];
            }),
        ),
      );
    } else tables.set(table, fields(interfaces.get(type) ?? ''));
  }
  return tables;
}

describe.each(engines)('tables.ts against the migrated schema on %s', (engine) => {
  let db: TestDb;
  beforeAll(async () => {
    db = await openTestDb(engine);
  });
  afterAll(async () => db.close());

  it('declares every table and column the migrations make, nullable exactly where they are', async () => {
    const { rows } = await sql<{ table: string; column: string; nullable: string; generated: string }>`
      SELECT table_name AS table, column_name AS column, is_nullable AS nullable, is_generated AS generated FROM information_schema.columns
      WHERE table_schema = current_schema() AND table_name NOT LIKE 'kysely_%'
      ORDER BY table_name, ordinal_position`.execute(db.kysely);
    // A generated column reads as nullable; tables.ts marks it GeneratedAlways instead.
    const actual = new Map<string, Map<string, boolean | 'generated'>>();
    for (const row of rows) {
      const columns = actual.get(camel(row.table)) ?? new Map<string, boolean | 'generated'>();
      columns.set(camel(row.column), row.generated === 'ALWAYS' ? 'generated' : row.nullable === 'YES');
      actual.set(camel(row.table), columns);
    }
    const declared = declaredTables();
    expect([...declared.keys()].sort()).toEqual([...actual.keys()].sort());
    const problems: string[] = [];
    for (const [table, columns] of actual) {
      const types = declared.get(table) ?? new Map<string, string>();
      for (const [column, nullable] of columns) {
        const type = types.get(column);
        if (type === undefined) problems.push(`${snake(table)}.${snake(column)}: in the database, not in tables.ts`);
        else if (nullable === 'generated' ? !type.startsWith('GeneratedAlways<') : nullable !== /\|\s*null\b/.test(type))
          problems.push(`${snake(table)}.${snake(column)}: ${nullable ? 'nullable' : 'NOT NULL'} in the database, "${type}" in tables.ts`);
      }
      for (const column of types.keys())
        if (!columns.has(column)) problems.push(`${snake(table)}.${snake(column)}: in tables.ts, not in the database`);
    }
    expect(problems).toEqual([]);
  });
});
