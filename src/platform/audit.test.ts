import crypto from 'node:crypto';
import type { Selectable } from 'kysely';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, TEST_AUDIT_KEY, type TestDb, type TestDeps, testDeps } from '../../test/support/db.js';
import { sendAuditCheckpoint } from '../cli/jobs.js';
import type { AuditEventTable } from '../db/tables.js';
import {
  GENESIS_HASH,
  hashAuditRow,
  makeCheckpoint,
  parseCheckpoint,
  recordAudit,
  verifyAgainstCheckpoint,
  verifyAuditChain,
} from './audit.js';
import { keyAuditChain, legacyHash } from './audit-upgrade.js';

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
        deps,
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
    expect(await verifyAuditChain(deps)).toMatchObject({ ok: true, events: 5 });
  });

  it('keeps the chain whole when many events are written at once', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) => recordAudit(deps, { action: 'test.concurrent', outcome: 'ok', details: { i } })),
    );
    const report = await verifyAuditChain(deps);
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
    const report = await verifyAuditChain(deps);
    expect(report).toMatchObject({ ok: false, brokenAt: target.seq, events: 2 });
    if (!report.ok) expect(report.reason).toMatch(/edited/);
  });

  it('names the row after a deleted one', async () => {
    const fresh = await openTestDb(engine);
    const freshDeps = testDeps(fresh);
    for (let i = 0; i < 4; i++) await recordAudit(freshDeps, { action: 'test.event', outcome: 'ok', details: { i } });
    const rows = await freshDeps.kysely.selectFrom('auditEvent').select('seq').orderBy('seq').execute();
    await asSuperuser(fresh, sql`DELETE FROM audit_event WHERE seq = ${rows[1]?.seq}`);
    const report = await verifyAuditChain(freshDeps);
    expect(report).toMatchObject({ ok: false, brokenAt: rows[2]?.seq });
    if (!report.ok) expect(report.reason).toMatch(/removed/);
    await fresh.close();
  });

  const chainOf = async (n: number) => {
    const fresh = await openTestDb(engine);
    const freshDeps = testDeps(fresh);
    for (let i = 0; i < n; i++) {
      freshDeps.advance(1000);
      await recordAudit(freshDeps, { action: 'test.event', outcome: 'ok', targetId: `t${i}`, details: { i } }, freshDeps.now());
    }
    return { fresh, freshDeps };
  };

  /** What someone with the database but not the audit key can do: edit a row and hash every later one again. */
  const rewriteFrom = async (fresh: TestDb, seq: number, hash: (prev: string, row: Selectable<AuditEventTable>) => string) => {
    await fresh.kysely.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      await sql`UPDATE audit_event SET action = 'test.rewritten' WHERE seq = ${seq}`.execute(trx);
      const rows = await trx.selectFrom('auditEvent').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        if (row.seq >= seq) {
          const next = hash(prev, row);
          await sql`UPDATE audit_event SET prev_hash = ${prev}, hash = ${next} WHERE seq = ${row.seq}`.execute(trx);
          prev = next;
        } else prev = row.hash;
      }
    });
  };

  it('catches an edited row whose later hashes were all computed again without the key', async () => {
    const { fresh, freshDeps } = await chainOf(8);
    const rows = await fresh.kysely.selectFrom('auditEvent').select('seq').orderBy('seq').execute();
    const target = rows[3]?.seq as number;
    await rewriteFrom(fresh, target, legacyHash);
    const report = await verifyAuditChain(freshDeps);
    expect(report).toMatchObject({ ok: false, brokenAt: target });
    // A guessed key does no better.
    await rewriteFrom(fresh, target, (prev, row) => hashAuditRow(crypto.randomBytes(32), prev, row));
    expect(await verifyAuditChain(freshDeps)).toMatchObject({ ok: false, brokenAt: target });
    await fresh.close();
  });

  it('catches events cut off the end, one or ten, against a checkpoint taken before', async () => {
    const { fresh, freshDeps } = await chainOf(25);
    const checkpoint = await makeCheckpoint(freshDeps, freshDeps.now());
    expect(checkpoint).toMatchObject({ format: 'harbour-audit-checkpoint', version: 1, events: 25 });
    expect(await verifyAgainstCheckpoint(freshDeps, checkpoint)).toMatchObject({ ok: true, events: 25 });
    for (const cut of [1, 10]) {
      const last = await fresh.kysely.selectFrom('auditEvent').select('seq').orderBy('seq', 'desc').limit(cut).execute();
      await asSuperuser(fresh, sql`DELETE FROM audit_event WHERE seq IN (${sql.join(last.map((row) => row.seq))})`);
      // The shorter chain is whole on its own: only the checkpoint tells.
      expect((await verifyAuditChain(freshDeps)).ok).toBe(true);
      const report = await verifyAgainstCheckpoint(freshDeps, checkpoint);
      expect(report.ok).toBe(false);
      if (!report.ok) expect(report.reason).toMatch(cut === 1 ? /^1 event was cut off the end/ : /^11 events were cut off the end/);
    }
    await fresh.close();
  });

  it('catches a chain rewritten with the key since a checkpoint, and events added after it are fine', async () => {
    const { fresh, freshDeps } = await chainOf(6);
    const checkpoint = await makeCheckpoint(freshDeps, freshDeps.now());
    await recordAudit(freshDeps, { action: 'test.later', outcome: 'ok' });
    expect(await verifyAgainstCheckpoint(freshDeps, checkpoint)).toMatchObject({ ok: true, events: 7 });
    const rows = await fresh.kysely.selectFrom('auditEvent').select('seq').orderBy('seq').execute();
    await rewriteFrom(fresh, rows[2]?.seq as number, (prev, row) => hashAuditRow(TEST_AUDIT_KEY, prev, row));
    expect((await verifyAuditChain(freshDeps)).ok).toBe(true);
    const report = await verifyAgainstCheckpoint(freshDeps, checkpoint);
    expect(report).toMatchObject({ ok: false });
    if (!report.ok) expect(report.reason).toMatch(/rewritten since the checkpoint/);
    await fresh.close();
  });

  it('keys a chain written before the audit key existed, once, saying whether it was whole', async () => {
    const { fresh, freshDeps } = await chainOf(5);
    // Make it look as an earlier Harbour wrote it: plain SHA-256 links.
    await fresh.kysely.transaction().execute(async (trx) => {
      await sql`SET LOCAL session_replication_role = replica`.execute(trx);
      const rows = await trx.selectFrom('auditEvent').selectAll().orderBy('seq').execute();
      let prev = GENESIS_HASH;
      for (const row of rows) {
        const hash = legacyHash(prev, row);
        await sql`UPDATE audit_event SET prev_hash = ${prev}, hash = ${hash} WHERE seq = ${row.seq}`.execute(trx);
        prev = hash;
      }
    });
    expect((await verifyAuditChain(freshDeps)).ok).toBe(false);
    const said: string[] = [];
    await keyAuditChain(freshDeps, (line) => said.push(line));
    expect(said.join(' ')).toMatch(/now keyed with the audit key/);
    expect(await verifyAuditChain(freshDeps)).toMatchObject({ ok: true, events: 6 });
    const keyed = await fresh.kysely.selectFrom('auditEvent').select('details').where('action', '=', 'system.audit_chain_keyed').execute();
    expect(keyed.map((row) => row.details)).toEqual([{ events: 5, previousChainIntact: true }]);
    await keyAuditChain(freshDeps, (line) => said.push(line));
    expect(said).toHaveLength(1);
    await fresh.close();
  });

  it('sends a checkpoint each day to the addresses configured, and logs it', async () => {
    const { fresh } = await chainOf(3);
    const mailing = testDeps(fresh, { HARBOUR_AUDIT_CHECKPOINT_TO: 'auditor@example.org,board@example.org' });
    const logged: string[] = [];
    await sendAuditCheckpoint(mailing, (line) => logged.push(line));
    expect(logged).toEqual([expect.stringMatching(/^audit checkpoint: \{"format":"harbour-audit-checkpoint","version":1,"events":3,/)]);
    const mail = await fresh.kysely.selectFrom('emailOutbox').select(['toAddress', 'subject', 'body']).orderBy('toAddress').execute();
    expect(mail.map((m) => m.toAddress)).toEqual(['auditor@example.org', 'board@example.org']);
    expect(mail[0]?.subject).toMatch(/^Harbour audit checkpoint \d{4}-\d{2}-\d{2}: 3 events$/);
    const line = mail[0]?.body.split('\n').at(-1) as string;
    expect(await verifyAgainstCheckpoint(mailing, parseCheckpoint(line, 'the email'))).toMatchObject({ ok: true, events: 3 });
    await fresh.close();
  });
});
