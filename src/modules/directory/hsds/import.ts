import type { Kysely } from 'kysely';
import type { Database } from '../../../db/tables.js';
import { recordAudit } from '../../../platform/audit.js';
import { type Deps, unitOfWork } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { sealAddress } from '../keys.js';
import { mergePendingSearchEntries } from '../repo.js';
import { buildSearchText } from '../search-text.js';
import { Mapper, text } from './mapper.js';
import { type OpenedPackage, openPackage, type Problem, type SourceRow, type Tables } from './package.js';
import { agencyIdsBySlug, keysetPages, PAGE, upsert, upsertPoints } from './repo.js';
import { mapServices } from './services.js';
import * as staging from './staging-repo.js';
import {
  type MappingContext,
  mapLocations,
  mapOrganizations,
  notKept,
  type OrganizationRef,
  type PlannedPoint,
  type PlannedService,
} from './to-harbour.js';

export interface ImportOptions {
  /** Import every valid row and report the rest, instead of importing nothing when a row is bad. */
  skipInvalid?: boolean;
  /** The slug of the agency that keeps every imported organization. */
  agency?: string;
  onProgress?: (done: number, total: number) => void;
}

export interface ImportResult {
  layout: string;
  imported: boolean;
  organizations: number;
  servicePoints: number;
  services: number;
  /** Services imported without a category Harbour knows: listed for their keeper, not searchable yet. */
  toReview: number;
  problems: Problem[];
  notes: string[];
}

class NotImported extends Error {}

/**
 * An HSDS package into the directory, all or nothing: every bad row is reported by file, line and
 * field, and nothing is written unless every row is good (or skipInvalid is asked for). Rows whose
 * ids are already in the directory are updated, so importing the same package twice changes
 * nothing the second time. The package is staged in the import's transaction and mapped a page at
 * a time, so its size is bounded by the disk, not by memory.
 */
export async function importDirectory(deps: Deps, location: string, options: ImportOptions = {}): Promise<ImportResult> {
  const opened = openPackage(location);
  const agencies = await agencyIdsBySlug(deps.kysely);
  const agencyId = options.agency ? agencies.get(options.agency) : undefined;
  if (options.agency && !agencyId) throw new AppError('bad_request', `--agency: no agency "${options.agency}"`);
  const run = new ImportRun(deps, { agencies, ...(agencyId ? { agencyId } : {}), now: deps.now() }, options, opened.problems);
  let imported = true;
  try {
    await unitOfWork(deps, async ({ kysely: trx }) => {
      await run.stage(trx, opened);
      await run.organizations(trx);
      await run.locations(trx);
      await run.services(trx);
      if (run.problems.length > 0 && !options.skipInvalid) throw new NotImported();
      await recordAudit(
        { kysely: trx, auditKey: deps.auditKey },
        {
          action: 'directory.import',
          outcome: 'ok',
          details: { via: 'cli', ...run.counts, skipped: run.problems.length },
        },
        deps.now(),
      );
    });
  } catch (error) {
    if (!(error instanceof NotImported)) throw error;
    imported = false;
  }
  if (imported) await mergePendingSearchEntries(deps.kysely);
  return {
    layout: opened.layout,
    imported,
    ...run.counts,
    problems: run.problems,
    notes: [...run.notes].map(([message, count]) => (count > 1 ? `${message} (${count} times)` : message)),
  };
}

/** One import's state between its pages: what it found wrong, and what later tables need of earlier ones. */
class ImportRun {
  readonly problems: Problem[];
  readonly notes = new Map<string, number>();
  readonly counts = { organizations: 0, servicePoints: 0, services: 0, toReview: 0 };
  /** By HSDS id; null marks one with errors, so what depends on it is refused too. */
  private readonly organizationRefs = new Map<string, OrganizationRef | null>();
  private readonly organizationsById = new Map<string, OrganizationRef>();
  private readonly points = new Map<string, PlannedPoint | null>();
  private done = 0;
  private total = 0;

  constructor(
    private readonly deps: Deps,
    private readonly context: MappingContext,
    private readonly options: ImportOptions,
    problems: Problem[],
  ) {
    this.problems = [...problems];
  }

  /** Once a row is wrong nothing will be kept (unless skipInvalid), so the rest is only checked. */
  private get writing() {
    return this.problems.length === 0 || this.options.skipInvalid === true;
  }

  private mapper(tables: Tables) {
    return new Mapper(tables, this.context, this.problems, this.notes);
  }

  private advance(rows: number) {
    this.done += rows;
    this.options.onProgress?.(this.done, this.total);
  }

  /** Every row of every table into the staging table; a file that is not CSV is reported and counts as empty. */
  async stage(trx: Kysely<Database>, opened: OpenedPackage) {
    await staging.createStaging(trx);
    let seq = 0;
    // PostgreSQL stores one batch while the next is parsed.
    let storing: Promise<void> = Promise.resolve();
    const store = async (batch: staging.StagingBatch) => {
      await storing;
      storing = staging.stageRows(trx, batch);
      storing.catch(() => {}); // awaited before the next batch or at the end
    };
    for (const source of opened.sources) {
      const rows = source.rows()[Symbol.asyncIterator]();
      let batch = new staging.StagingBatch(source.resource, source.label);
      for (;;) {
        let next: IteratorResult<SourceRow>;
        try {
          next = await rows.next();
        } catch (error) {
          await storing;
          await staging.unstageFile(trx, source.label, source.resource);
          batch = new staging.StagingBatch(source.resource, source.label);
          this.problems.push({ where: source.label, message: `not readable as CSV: ${(error as Error).message}` });
          break;
        }
        if (next.done) break;
        seq += 1;
        batch.add(seq, next.value);
        if (batch.size === PAGE) {
          await store(batch);
          batch = new staging.StagingBatch(source.resource, source.label);
        }
      }
      if (batch.size > 0) await store(batch);
    }
    await storing;
    await staging.indexStaging(trx);
    const counts = await staging.stagedCounts(trx);
    for (const [table, reason] of Object.entries(notKept)) {
      const count = counts.get(table) ?? 0;
      if (count > 0) this.notes.set(`${table}: ${count} row(s) not kept — ${reason}`, 1);
    }
    this.total = ['organization', 'location', 'service'].reduce((sum, table) => sum + (counts.get(table) ?? 0), 0);
  }

  /** Ids are checked across the whole table first: a page sees only the first row of each id. */
  private async checkIds(trx: Kysely<Database>, resource: string, required: boolean) {
    for (const row of await staging.repeatedIds(trx, resource)) {
      this.problems.push({ where: row.place, field: 'id', message: `"${row.id}" is already used at ${row.first}` });
    }
    if (!required) return;
    for (const row of await staging.rowsWithoutId(trx, resource))
      this.problems.push({ where: row.where, field: 'id', message: 'required' });
  }

  private async *pages(trx: Kysely<Database>, resource: string) {
    await this.checkIds(trx, resource, true);
    yield* keysetPages(
      (after: number | undefined) => staging.stagedPage(trx, resource, after ?? 0, PAGE),
      (row) => row.seq,
    );
  }

  /**
   * Each page read, mapped and written, the mapping of one page done while PostgreSQL writes the
   * one before: the database works on one core while the mapping works on the other.
   */
  private async overlapped<R, M>(
    resource: string,
    trx: Kysely<Database>,
    read: (rows: SourceRow[]) => Promise<R>,
    map: (read: R) => M,
    write: (mapped: M) => Promise<void>,
  ) {
    let previous: { mapped: M; rows: number } | undefined;
    const written = async (page: { mapped: M; rows: number }) => {
      if (this.writing) await write(page.mapped);
      this.advance(page.rows);
    };
    for await (const rows of this.pages(trx, resource)) {
      const fetched = await read(rows);
      const writing = previous ? written(previous) : undefined;
      if (writing) {
        writing.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
        await new Promise(setImmediate); // the write on its way to PostgreSQL before mapping starts
      }
      const mapped = map(fetched);
      await writing;
      previous = { mapped, rows: rows.length };
    }
    if (previous) await written(previous);
  }

  organizations(trx: Kysely<Database>) {
    return this.overlapped(
      'organization',
      trx,
      async (rows) => rows,
      (rows) => {
        const planned = kept(mapOrganizations(this.mapper(new Map([['organization', rows]])), this.context), this.organizationRefs);
        for (const organization of planned) this.organizationsById.set(organization.id, organization);
        this.counts.organizations += planned.length;
        return planned;
      },
      (planned) =>
        upsert(
          trx,
          'organization',
          planned.map((o) => ({ ...o, updatedAt: this.context.now })),
        ),
    );
  }

  locations(trx: Kysely<Database>) {
    return this.overlapped(
      'location',
      trx,
      async (rows): Promise<Tables> => {
        const ids = rows.map((row) => text(row, 'id'));
        const sal = await staging.stagedRows(trx, 'service_at_location', { location_id: ids });
        return new Map([
          ['location', rows],
          ['address', await staging.stagedRows(trx, 'address', { location_id: ids })],
          ['service_at_location', sal],
          ['service', await staging.stagedRows(trx, 'service', { id: sal.map((row) => text(row, 'service_id')) })],
        ]);
      },
      (tables) => {
        const planned = kept(mapLocations(this.mapper(tables), this.organizationRefs), this.points);
        this.counts.servicePoints += planned.length;
        return planned;
      },
      async (planned) => {
        // Sealed on a connection of its own: the agency's key is read (or made) outside this transaction.
        const sealed = new Map<string, Buffer>();
        for (const point of planned) {
          const keeper = this.organizationsById.get(point.organizationId)?.agencyId;
          if (point.isConfidential && point.address && keeper) {
            sealed.set(point.id, await sealAddress(this.deps, keeper, point.id, point.address));
          }
        }
        await upsertPoints(trx, planned, sealed, this.context.now);
      },
    );
  }

  async services(trx: Kysely<Database>) {
    await this.checkIds(trx, 'taxonomy_term', false);
    await this.checkIds(trx, 'unit', false);
    const terms = await staging.stagedTable(trx, 'taxonomy_term');
    const units = await staging.stagedTable(trx, 'unit');
    const read = (resource: string, lookup: staging.Lookup) => staging.stagedRows(trx, resource, lookup);
    await this.overlapped(
      'service',
      trx,
      async (rows) => {
        const ids = rows.map((row) => text(row, 'id'));
        const sal = await read('service_at_location', { service_id: ids });
        const salIds = sal.map((row) => text(row, 'id')).filter(Boolean);
        const locationIds = sal.map((row) => text(row, 'location_id')).filter(Boolean);
        const everyLink = { service_id: ids, service_at_location_id: salIds, location_id: locationIds };
        const tables: Tables = new Map([
          ['service', rows],
          ['service_at_location', sal],
          ['location', await read('location', { id: locationIds })],
          ['schedule', await read('schedule', everyLink)],
          ['phone', await read('phone', everyLink)],
          ['attribute', await read('attribute', { link_id: ids })],
          ['language', await read('language', { service_id: ids, location_id: locationIds })],
          ['service_area', await read('service_area', { service_id: ids })],
          ['service_capacity', await read('service_capacity', { service_id: ids })],
          ['eligibility', await read('eligibility', { service_id: ids })],
          ['accessibility', await read('accessibility', { location_id: locationIds })],
          ['taxonomy_term', terms],
          ['unit', units],
        ]);
        return { tables, locationIds };
      },
      ({ tables, locationIds }) => {
        const planned = mapServices(this.mapper(tables), this.organizationRefs, this.points);
        this.counts.services += planned.length;
        this.counts.toReview += planned.filter((service) => service.reviewNote).length;
        const points = new Map<string, PlannedPoint>();
        for (const id of locationIds) {
          const point = this.points.get(id);
          if (point) points.set(point.id, point);
        }
        return planned.map((service) => this.serviceRow(service, points));
      },
      (rows) => upsert(trx, 'service', rows),
    );
  }

  private serviceRow(service: PlannedService, points: Map<string, PlannedPoint>) {
    const point = service.servicePointId ? points.get(service.servicePointId) : undefined;
    return {
      ...service,
      latitude: point?.latitude ?? null,
      longitude: point?.longitude ?? null,
      province: point?.province ?? null,
      searchText: buildSearchText(this.organizationsById.get(service.organizationId)?.name ?? '', service, point),
      updatedAt: this.context.now,
    };
  }
}

/** A page's mapped rows, remembered by HSDS id for the tables that refer to them; the good ones returned. */
function kept<T extends object>(mapped: Map<string, T | null>, into: Map<string, T | null>): T[] {
  const good: T[] = [];
  for (const [hsdsId, row] of mapped) {
    into.set(hsdsId, row);
    if (row) good.push(row);
  }
  return good;
}

export const describeProblem = (problem: Problem) => `${problem.where}${problem.field ? `, ${problem.field}` : ''}: ${problem.message}`;

/** The written account of an import: what came in, every row left out and why, what was not kept. */
export function importReport(source: string, result: ImportResult, at: Date): string {
  return [
    `Harbour directory import — ${at.toISOString()}`,
    `Source: ${source} (${result.layout})`,
    result.imported
      ? `Imported: ${result.organizations} organizations, ${result.servicePoints} locations, ${result.services} services.`
      : 'Nothing was imported.',
    ...(result.imported && result.toReview > 0
      ? [`To review: ${result.toReview} services came without a category Harbour knows; their keepers choose one before search finds them.`]
      : []),
    '',
    `Rows left out (${result.problems.length}):`,
    ...result.problems.map((problem) => `  ${describeProblem(problem)}`),
    '',
    `Not kept (${result.notes.length}):`,
    ...result.notes.map((note) => `  ${note}`),
    '',
  ].join('\n');
}
