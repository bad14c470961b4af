import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AccountActor } from '../src/platform/policy.js';
import { buildApp } from '../src/server.js';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from './support/db.js';
import { asActor, type Client, makeAccount, makeAgency, makeCase, makeMemberService, signedIn } from './support/factories.js';

/**
 * Every command that writes more than once is one unit of work, and a state change is
 * compare-and-set on the state its caller saw. A failure is injected by a trigger that raises
 * on one of a command's later writes; the command must leave nothing of its earlier ones.
 */
describe.each(engines)('commands as units of work on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let serviceId: string;
  let sender: Client;
  let receiver: Client;
  let receiverColleague: Client;
  let coordinator: Client;
  let coordinatorActor: AccountActor;

  const count = async (table: string) =>
    Number((await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(db.kysely)).rows[0]?.n);
  const failOn = async (table: string, condition: string) => {
    await sql
      .raw(`CREATE OR REPLACE FUNCTION injected_failure() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'injected failure'; END $$`)
      .execute(db.kysely);
    await sql
      .raw(
        `CREATE TRIGGER injected_failure BEFORE INSERT OR UPDATE ON ${table} FOR EACH ROW WHEN (${condition}) EXECUTE FUNCTION injected_failure()`,
      )
      .execute(db.kysely);
    return table;
  };
  let injectedOn: string | undefined;
  afterEach(async () => {
    if (injectedOn) {
      await sql.raw(`DROP TRIGGER IF EXISTS injected_failure ON ${injectedOn}`).execute(db.kysely);
      await sql.raw(`DROP TRIGGER IF EXISTS linger ON ${injectedOn}`).execute(db.kysely);
    }
    injectedOn = undefined;
  });

  const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) =>
    (await signedIn(app, deps, (await makeAccount(deps, agency, roles)).email)).client;
  const today = () => deps.now().toISOString().slice(0, 10);
  const referral = (needs: string[]) => ({
    toServiceId: serviceId,
    urgency: 'urgent',
    shared: {
      person: { name: 'Ana', preferredLanguage: 'tl', interpreterNeeded: false },
      needs,
      safeContact: { channel: 'in-person', voicemailOk: false, messageOk: false },
    },
    consent: { givenOn: today(), until: '2027-06-01', agreed: true },
    send: true,
  });
  const send = async () => {
    const made = await sender.post('/api/referrals', referral(['safe-housing']));
    expect(made.status).toBe(201);
    return made.body.id as string;
  };

  beforeAll(async () => {
    db = await openTestDb(engine, { max: 8 });
    deps = testDeps(db, { HARBOUR_MFA: 'optional' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const from = (await makeAgency(deps, 'Sending agency')).id;
    const to = (await makeAgency(deps, 'Receiving agency')).id;
    serviceId = (await makeMemberService(deps, to, { name: 'Shelter' })).id;
    sender = await login(from, ['worker']);
    receiver = await login(to, ['coordinator']);
    receiverColleague = await login(to, ['coordinator']);
    const coordinatorAccount = await makeAccount(deps, from, ['coordinator']);
    coordinator = (await signedIn(app, deps, coordinatorAccount.email)).client;
    coordinatorActor = asActor(coordinatorAccount);
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it('lets exactly one of two receivers accept a referral at the same moment; the other gets 409 naming the state', async () => {
    // The first acceptance lingers inside its transaction, so the second has read the referral
    // as "sent" too and meets the row lock: the compare-and-set, not the early check, refuses it.
    await sql
      .raw(`CREATE OR REPLACE FUNCTION linger() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN PERFORM pg_sleep(0.5); RETURN NEW; END $$`)
      .execute(db.kysely);
    await sql
      .raw(
        `CREATE TRIGGER linger BEFORE UPDATE ON referral FOR EACH ROW WHEN (OLD.state = 'sent' AND NEW.state = 'accepted') EXECUTE FUNCTION linger()`,
      )
      .execute(db.kysely);
    injectedOn = 'referral';
    let byCompareAndSet = 0;
    for (let round = 0; round < 5; round++) {
      const id = await send();
      const casesBefore = await count('case_record');
      const answers = await Promise.all(
        [receiver, receiverColleague].map((who) => who.post(`/api/referrals/${id}/state`, { state: 'accepted', openCase: true })),
      );
      expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
      const loser = answers.find((answer) => answer.status === 409);
      // Mostly the compare-and-set answers ("accepted now"); on a slow machine the second may start after the first committed.
      expect(loser?.body.error.message).toMatch(/^this referral is accepted/);
      if (/accepted now/.test(loser?.body.error.message)) byCompareAndSet++;
      // One case opened, one timeline event, one audit row for the acceptance.
      expect(await count('case_record')).toBe(casesBefore + 1);
      const events = await db.kysely.selectFrom('referralEvent').select('state').where('referralId', '=', id).execute();
      expect(events.filter((event) => event.state === 'accepted')).toHaveLength(1);
      const audits = await db.kysely
        .selectFrom('auditEvent')
        .select('outcome')
        .where('targetId', '=', id)
        .where('action', '=', 'referral.accepted')
        .execute();
      expect(audits.map((a) => a.outcome)).toEqual(['ok']);
    }
    // The compare-and-set itself was what refused, at least once.
    expect(byCompareAndSet).toBeGreaterThan(0);
  });

  it('lets one of two coordinators close a case at once; the other gets 409', async () => {
    const { id } = await makeCase(deps, coordinatorActor, { person: { names: ['Lin'] } });
    const answers = await Promise.all([0, 1].map(() => coordinator.post(`/api/cases/${id}/close`, { reason: 'services-complete' })));
    expect(answers.map((answer) => answer.status).sort()).toEqual([200, 409]);
  });

  it('leaves no case, key or statistics row behind when opening a case fails at its audit row', async () => {
    const before = await Promise.all(['case_record', 'case_key', 'case_fact', 'audit_event'].map(count));
    injectedOn = await failOn('audit_event', "NEW.action = 'case.create'");
    const made = await coordinator.post('/api/cases', { person: { names: ['Nadia'] }, situation: {}, pathwayFacts: {}, safetyPlan: {} });
    expect(made.status).toBe(500);
    expect(JSON.stringify(made.body)).not.toContain('Nadia');
    expect(await Promise.all(['case_record', 'case_key', 'case_fact', 'audit_event'].map(count))).toEqual(before);
  });

  it('leaves the referral as it was — no case, no event, no outcome — when accepting with a case fails at its audit row', async () => {
    const id = await send();
    const tables = ['case_record', 'case_key', 'case_fact', 'referral_event', 'referral_outcome', 'notification', 'email_outbox'];
    const before = await Promise.all(tables.map(count));
    injectedOn = await failOn('audit_event', "NEW.action = 'referral.accepted'");
    const failed = await receiver.post(`/api/referrals/${id}/state`, { state: 'accepted', openCase: true });
    expect(failed.status).toBe(500);
    expect(await Promise.all(tables.map(count))).toEqual(before);
    const row = await db.kysely
      .selectFrom('referral')
      .select(['state', 'toCaseId', 'acknowledgedAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'sent', toCaseId: null, acknowledgedAt: null });
  });

  it('leaves no state without its timeline event when a referral change fails at the event', async () => {
    const id = await send();
    injectedOn = await failOn('referral_event', "NEW.state = 'declined'");
    const failed = await receiver.post(`/api/referrals/${id}/state`, { state: 'declined', reason: 'no-capacity' });
    expect(failed.status).toBe(500);
    const row = await db.kysely.selectFrom('referral').select('state').where('id', '=', id).executeTakeFirstOrThrow();
    expect(row.state).toBe('sent');
  });

  it('keeps the receiver’s key when withdrawing consent fails at its audit row', async () => {
    const id = await send();
    const keys = await db.kysely.selectFrom('referralKey').select('agencyId').where('referralId', '=', id).execute();
    injectedOn = await failOn('audit_event', "NEW.action = 'referral.consent_withdraw'");
    const failed = await sender.post(`/api/referrals/${id}/withdraw-consent`, {});
    expect(failed.status).toBe(500);
    expect(await db.kysely.selectFrom('referralKey').select('agencyId').where('referralId', '=', id).execute()).toEqual(keys);
    const row = await db.kysely
      .selectFrom('referral')
      .select(['state', 'consentWithdrawnAt'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ state: 'sent', consentWithdrawnAt: null });
  });

  it('creates no referral, key or event when sending fails at the "sent" audit row', async () => {
    const tables = ['referral', 'referral_key', 'referral_event', 'referral_outcome'];
    const before = await Promise.all(tables.map(count));
    injectedOn = await failOn('audit_event', "NEW.action = 'referral.sent'");
    const failed = await sender.post('/api/referrals', referral(['legal']));
    expect(failed.status).toBe(500);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});
