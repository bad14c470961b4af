import type { z } from 'zod';
import { groupsOnce } from './group.js';
import type { Problem, SourceRow, Tables } from './package.js';
import type { MappingContext } from './to-harbour.js';

/** A cell of a row, trimmed; '' when the row or the column is missing. */
export const text = (row: SourceRow | undefined, column: string) => (row?.values[column] ?? '').trim();

/**
 * Reads an HSDS package's rows for the mapping: by id, by parent column, as booleans, numbers and
 * dates, and collects every problem (file, line, field) and every note of what is not kept.
 */
export class Mapper {
  private readonly byId = new Map<string, Map<string, SourceRow>>();

  /** A page of a large import maps its rows with a mapper of its own, into the import's problems and notes. */
  constructor(
    private readonly tables: Tables,
    readonly context: MappingContext,
    readonly problems: Problem[] = [],
    readonly notes = new Map<string, number>(),
  ) {}

  rows(table: string): SourceRow[] {
    return this.tables.get(table) ?? [];
  }

  /** Rows of a table by id; a repeated id is an error, and the first row stands. */
  index(table: string): Map<string, SourceRow> {
    let found = this.byId.get(table);
    if (found) return found;
    found = new Map();
    for (const row of this.rows(table)) {
      const id = text(row, 'id');
      if (!id) {
        if (['organization', 'service', 'location'].includes(table)) this.problem(row, 'id', 'required');
        continue;
      }
      const first = found.get(id);
      if (first) this.problem(row, 'id', `"${id}" is already used at ${first.where}`);
      else found.set(id, row);
    }
    this.byId.set(table, found);
    return found;
  }

  private readonly groups = groupsOnce((table) => this.rows(table), text);

  /** The rows of a table whose column holds one of the ids. */
  children(table: string, column: string, ids: string[]): SourceRow[] {
    const found = this.groups(table, column);
    return ids.flatMap((id) => (id ? (found.get(id) ?? []) : []));
  }

  problem(row: SourceRow, field: string | undefined, message: string) {
    this.problems.push({ where: row.where, ...(field ? { field } : {}), message });
  }

  note(message: string) {
    this.notes.set(message, (this.notes.get(message) ?? 0) + 1);
  }

  bool(row: SourceRow, column: string): boolean {
    const value = text(row, column).toLowerCase();
    if (value === '') return false;
    if (['true', 'yes', 'y', '1', 'oui'].includes(value)) return true;
    if (['false', 'no', 'n', '0', 'non'].includes(value)) return false;
    this.problem(row, column, `"${text(row, column)}" is not true or false`);
    return false;
  }

  number(row: SourceRow, column: string): number | null {
    const value = text(row, column);
    if (value === '') return null;
    const parsed = Number(value);
    if (Number.isFinite(parsed)) return parsed;
    this.problem(row, column, `"${value}" is not a number`);
    return null;
  }

  date(row: SourceRow, column: string): Date | null {
    const value = text(row, column);
    if (value === '') return null;
    const parsed = new Date(value);
    if (!Number.isNaN(parsed.getTime())) return parsed;
    this.problem(row, column, `"${value}" is not a date`);
    return null;
  }

  /** Runs one of the API's own schemas, naming the HSDS column a failing field came from. */
  check<T extends z.ZodType>(
    schema: T,
    row: SourceRow,
    candidate: unknown,
    columns: Record<string, string>,
    messages: Record<string, string> = {},
  ): z.output<T> | undefined {
    const parsed = schema.safeParse(candidate);
    if (parsed.success) return parsed.data;
    const said = new Set<string>();
    for (const issue of parsed.error.issues) {
      const field = String(issue.path[0] ?? '');
      const problem = { field: columns[field] ?? field, message: messages[field] ?? issue.message };
      if (said.has(`${problem.field}: ${problem.message}`)) continue;
      said.add(`${problem.field}: ${problem.message}`);
      this.problem(row, problem.field, problem.message);
    }
    return undefined;
  }
}
