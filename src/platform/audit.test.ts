import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../test/support/db.js';
import { GENESIS_HASH, recordAudit, verifyAuditChain } from './audit.js';

/** Tampering needs the trigger out of the way, as an attacker with the server's superuser would. */
async function asSuperuser(db: TestDb, statement: ReturnType<typeof sql>) {
  await db.kysely.transaction().execute(async (trx) => {
    await sql`SET LOCAL session_replication_role = replica`.execute(trx);
    await statement.execute(trx);
  });
}

describe.each(engines)('the audit chain on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db);
  });
  afterAll(async () => db.close());

  const append = async (n: number) => {
    for (let i = 0; i < n; i++) {
      deps.advance(1000);
      await recordAudit(
        deps.kysely,
        {
          action: 'test.event',
          outcome: i % 3 === 0 ? 'refused' : 'ok',
          targetType: 'thing',
          targetId: `t${i}`,
          details: { n: i, z: 'last', a: true },
        },
        deps.now(),
      );
    }
  };

  it('links each event to the one before it, from the genesis hash', async () => {
    await append(5);
    const rows = await deps.kysely.selectFrom('auditEvent').selectAll().orderBy('seq').execute();
    expect(rows[0]?.prevHash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]?.prevHash).toBe(rows[i - 1]?.hash);
    expect(await verifyAuditChain(deps.kysely)).toEqual({ ok: true, events: 5 });
  });

  it('keeps the chain whole when many events are written at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAudit(deps.kysely, { action: 'test.concurrent', outcome: 'ok', details: { i } })),
    );
    const report = await verifyAuditChain(deps.kysely);
    expect(report.ok).toBe(true);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the audit table', async () => {
    await expect(sql`UPDATE audit_event SET action = 'x'`.execute(deps.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM audit_event`.execute(deps.kysely)).rejects.toThrow(/append-only/);
    await expect(sql`TRUNCATE audit_event`.execute(deps.kysely)).rejects.toThrow(/append-only/);
  });

  it('names the first edited row', async () => {
    const target = await deps.kysely.selectFrom('auditEvent').select('seq').orderBy('seq').offset(2).limit(1).executeTakeFirstOrThrow();
    await asSuperuser(db, sql`UPDATE audit_event SET outcome = 'ok', action = 'test.rewritten' WHERE seq = ${target.seq}`);
    const report = await verifyAuditChain(deps.kysely);
    expect(report).toMatchObject({ ok: false, brokenAt: target.seq, events: 2 });
    if (!report.ok) expect(report.reason).toMatch(/edited/);
  });

  it('names the row after a deleted one', async () => {
    const fresh = await openTestDb(engine);
    const freshDeps = testDeps(fresh);
    for (let i = 0; i < 4; i++) await recordAudit(freshDeps.kysely, { action: 'test.event', outcome: 'ok', details: { i } });
    const rows = await freshDeps.kysely.selectFrom('auditEvent').select('seq').orderBy('seq').execute();
    await asSuperuser(fresh, sql`DELETE FROM audit_event WHERE seq = ${rows[1]?.seq}`);
    const report = await verifyAuditChain(freshDeps.kysely);
    expect(report).toMatchObject({ ok: false, brokenAt: rows[2]?.seq });
    if (!report.ok) expect(report.reason).toMatch(/removed/);
    await fresh.close();
  });
});
