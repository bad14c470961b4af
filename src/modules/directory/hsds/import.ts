import { recordAudit } from '../../../platform/audit.js';
import { type Deps, unitOfWork } from '../../../platform/context.js';
import { AppError } from '../../../platform/errors.js';
import { sealAddress } from '../keys.js';
import { mergePendingSearchEntries } from '../repo.js';
import { buildSearchText } from '../search-text.js';
import { type Problem, readPackage } from './package.js';
import { agencyIdsBySlug, upsert, upsertPoints } from './repo.js';
import { toHarbour } from './to-harbour.js';

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

const BATCH = 500;

/**
 * An HSDS package into the directory, all or nothing: every bad row is reported by file, line and
 * field, and nothing is written unless every row is good (or skipInvalid is asked for). Rows whose
 * ids are already in the directory are updated, so importing the same package twice changes
 * nothing the second time.
 */
export async function importDirectory(deps: Deps, location: string, options: ImportOptions = {}): Promise<ImportResult> {
  const read = readPackage(location);
  const agencies = await agencyIdsBySlug(deps.kysely);
  const agencyId = options.agency ? agencies.get(options.agency) : undefined;
  if (options.agency && !agencyId) throw new AppError('bad_request', `--agency: no agency "${options.agency}"`);
  const plan = toHarbour(read.tables, { agencies, ...(agencyId ? { agencyId } : {}), now: deps.now() });
  const problems = [...read.problems, ...plan.problems];
  const result = {
    layout: read.layout,
    organizations: plan.organizations.length,
    servicePoints: plan.points.length,
    services: plan.services.length,
    toReview: plan.services.filter((service) => service.reviewNote).length,
    problems,
    notes: plan.notes,
  };
  if (problems.length > 0 && !options.skipInvalid) return { ...result, imported: false };

  const organizations = new Map(plan.organizations.map((o) => [o.id, o]));
  const points = new Map(plan.points.map((p) => [p.id, p]));
  // Sealed before the transaction opens: the keys are read on their own connection.
  const sealed = new Map<string, Buffer>();
  for (const point of plan.points) {
    const keeper = organizations.get(point.organizationId)?.agencyId;
    if (point.isConfidential && point.address && keeper) {
      sealed.set(point.id, await sealAddress(deps, keeper, point.id, point.address));
    }
  }
  const now = deps.now();
  const total = plan.organizations.length + plan.points.length + plan.services.length;
  let done = 0;
  const progress = (count: number) => {
    done += count;
    options.onProgress?.(done, total);
  };
  await unitOfWork(deps, async ({ kysely: trx }) => {
    for (const batch of chunks(plan.organizations)) {
      await upsert(
        trx,
        'organization',
        batch.map((o) => ({ ...o, updatedAt: now })),
      );
      progress(batch.length);
    }
    for (const batch of chunks(plan.points)) {
      await upsertPoints(trx, batch, sealed, now);
      progress(batch.length);
    }
    for (const batch of chunks(plan.services)) {
      const rows = batch.map((service) => {
        const point = service.servicePointId ? points.get(service.servicePointId) : undefined;
        return {
          ...service,
          hours: service.hours ? JSON.stringify(service.hours) : null,
          phones: JSON.stringify(service.phones),
          latitude: point?.latitude ?? null,
          longitude: point?.longitude ?? null,
          province: point?.province ?? null,
          searchText: buildSearchText(organizations.get(service.organizationId)?.name ?? '', service, point),
          updatedAt: now,
        };
      });
      await upsert(trx, 'service', rows);
      progress(batch.length);
    }
    await recordAudit(
      { kysely: trx, auditKey: deps.auditKey },
      {
        action: 'directory.import',
        outcome: 'ok',
        details: {
          via: 'cli',
          organizations: result.organizations,
          servicePoints: result.servicePoints,
          services: result.services,
          skipped: problems.length,
        },
      },
      now,
    );
  });
  await mergePendingSearchEntries(deps.kysely);
  return { ...result, imported: true };
}

function* chunks<T>(rows: T[]): Generator<T[]> {
  for (let i = 0; i < rows.length; i += BATCH) yield rows.slice(i, i + BATCH);
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
