import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { asActor, type Client, makeAccount, makeAgency, makeCase, signedIn } from '../../../test/support/factories.js';
import { restoreBackup, writeBackup } from '../../db/backup.js';
import type { AccountActor } from '../../platform/policy.js';
import { buildApp } from '../../server.js';
import { caseKey, openContent } from './keys.js';
import { purgeDueCases } from './service.js';

const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-case-life-'));
afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));
const pdf = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.from('Statement of Ximena Quispe, passport 7Q2X9\n'), Buffer.alloc(64, 1)]);
const DAY = 86_400_000;

describe.each(engines)('a case’s life on %s: notes, documents, the person’s copy, closing, erasure and purge', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let agencyId: string;
  let coordinator: Client;
  let otherCoordinator: Client;
  let worker: Client;
  let agencyAdmin: Client;
  let stranger: Client;

  let coordinatorActor: AccountActor;
  const openCase = async (name: string) => (await makeCase(deps, coordinatorActor, { person: { names: [name] } })).id;
  const login = async (agency: string, roles: Parameters<typeof makeAccount>[2]) => {
    const account = await makeAccount(deps, agency, roles);
    return (await signedIn(app, deps, account.email)).client;
  };

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_CASE_RETENTION_DAYS: '30', HARBOUR_CASE_DOCUMENT_MAX_MB: '1' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    agencyId = (await makeAgency(deps)).id;
    const coordinatorAccount = await makeAccount(deps, agencyId, ['coordinator']);
    coordinator = (await signedIn(app, deps, coordinatorAccount.email)).client;
    coordinatorActor = asActor(coordinatorAccount);
    otherCoordinator = await login(agencyId, ['coordinator']);
    worker = await login(agencyId, ['worker']);
    agencyAdmin = await login(agencyId, ['agency_admin']);
    stranger = await login((await makeAgency(deps)).id, ['coordinator']);
  });
  afterAll(async () => db.close());

  it('keeps notes sealed, added and never edited; another agency sees none', async () => {
    const id = await openCase('Ximena');
    expect((await worker.post(`/api/cases/${id}/notes`, { text: 'Met at the clinic; prefers evenings.' })).status).toBe(201);
    expect((await worker.post(`/api/cases/${id}/notes`, { text: '   ' })).body.error.message).toMatch(/text/);
    const notes = await coordinator.get(`/api/cases/${id}/notes`);
    expect(notes.body).toEqual([
      expect.objectContaining({
        text: 'Met at the clinic; prefers evenings.',
        author: expect.objectContaining({ id: expect.any(String) }),
      }),
    ]);
    expect((await stranger.get(`/api/cases/${id}/notes`)).status).toBe(404);
    expect((await stranger.post(`/api/cases/${id}/notes`, { text: 'x' })).status).toBe(404);
    const stored = await deps.kysely.selectFrom('caseNote').select('sealed').where('caseId', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.from(stored.sealed).toString('latin1')).not.toContain('clinic');
  });

  it('keeps documents sealed, gives them back only as attachments, and refuses disguised files', async () => {
    const id = await openCase('Yolanda');
    const kept = await worker.request('POST', `/api/cases/${id}/documents?name=statement.pdf`, pdf, { 'content-type': 'application/pdf' });
    expect(kept.status).toBe(201);
    expect(kept.body).toMatchObject({ name: 'statement.pdf', mediaType: 'application/pdf', sizeBytes: pdf.length });
    const listed = await coordinator.get(`/api/cases/${id}/documents`);
    expect(listed.body).toEqual([expect.objectContaining({ id: kept.body.id, name: 'statement.pdf' })]);
    const download = await coordinator.get(`/api/cases/${id}/documents/${kept.body.id}`);
    expect(download.status).toBe(200);
    expect(download.raw.rawPayload.equals(pdf)).toBe(true);
    expect(download.headers['content-disposition']).toMatch(/^attachment; filename="statement.pdf"/);
    expect(download.headers['cache-control']).toBe('no-store');
    const disguised = await worker.request(
      'POST',
      `/api/cases/${id}/documents?name=statement.pdf`,
      Buffer.from('<script>alert(1)</script>'),
      {
        'content-type': 'application/pdf',
      },
    );
    expect(disguised.status).toBe(415);
    const tooBig = await worker.request('POST', `/api/cases/${id}/documents?name=big.pdf`, Buffer.concat([pdf, Buffer.alloc(2 ** 20)]), {
      'content-type': 'application/pdf',
    });
    expect(tooBig.status).toBe(413);
    expect(
      (await worker.request('POST', `/api/cases/${id}/documents`, pdf, { 'content-type': 'application/pdf' })).body.error.message,
    ).toMatch(/name/);
    expect((await stranger.get(`/api/cases/${id}/documents/${kept.body.id}`)).status).toBe(404);
    const row = await deps.kysely.selectFrom('caseDocument').selectAll().where('caseId', '=', id).executeTakeFirstOrThrow();
    expect(Buffer.concat([row.sealedMeta, row.sealedBody]).toString('latin1')).not.toMatch(/Ximena|statement|7Q2X9/);
  });

  it('records services delivered and consents, counts the services in the fact row, and names a bad consent date', async () => {
    const id = await openCase('Zoila');
    const services = [{ on: '2026-11-01', heading: 'legal', what: 'Consultation with a lawyer', by: 'referral', provider: 'Legal clinic' }];
    const consents = [{ what: 'Share my file with the legal clinic', purpose: 'legal help', givenOn: '2026-11-01', until: '2027-05-01' }];
    const changed = await worker.request('PATCH', `/api/cases/${id}`, { services, consents });
    expect(changed.status).toBe(200);
    expect(changed.body.content.services).toEqual(services);
    expect(changed.body.content.consents).toEqual(consents);
    const facts = await deps.kysely.selectFrom('caseFact').select('services').execute();
    expect(facts.some((fact) => fact.services.includes('legal'))).toBe(true);
    const bad = await worker.request('PATCH', `/api/cases/${id}`, { consents: [{ ...consents[0], until: '2026-10-01' }] });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body)).toMatch(/until: on or after the day consent was given/);
    const badHeading = await worker.request('PATCH', `/api/cases/${id}`, { services: [{ ...services[0], heading: 'banking' }] });
    expect(badHeading.status).toBe(400);
  });

  it('gives the person a copy of everything the case holds, and records that it was given', async () => {
    const id = await openCase('Wendy');
    await worker.post(`/api/cases/${id}/notes`, { text: 'First meeting.' });
    const copy = await coordinator.get(`/api/cases/${id}/copy`);
    expect(copy.status).toBe(200);
    expect(copy.body).toMatchObject({ name: 'Wendy', notes: [expect.objectContaining({ text: 'First meeting.' })], documents: [] });
    expect(copy.body.pathways.pathways.length).toBeGreaterThan(0);
    expect((await stranger.get(`/api/cases/${id}/copy`)).status).toBe(404);
    const audited = await deps.kysely
      .selectFrom('auditEvent')
      .select('action')
      .where('targetId', '=', id)
      .where('action', '=', 'case.copy')
      .execute();
    expect(audited).toHaveLength(1);
  });

  it('closes and reopens a case, naming the state when a change does not fit it', async () => {
    const id = await openCase('Valeria');
    expect((await worker.post(`/api/cases/${id}/close`, { reason: 'bored' })).body.error.message).toMatch(
      /reason: one of services-complete/,
    );
    const closed = await worker.post(`/api/cases/${id}/close`, { reason: 'services-complete' });
    expect(closed.body).toEqual({ status: 'closed', purgeOn: new Date(deps.now().getTime() + 30 * DAY).toISOString().slice(0, 10) });
    const again = await worker.post(`/api/cases/${id}/close`, { reason: 'services-complete' });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toMatch(/already closed/);
    expect((await worker.get(`/api/cases/${id}`)).body).toMatchObject({ status: 'closed', closedReason: 'services-complete' });
    expect((await worker.post(`/api/cases/${id}/reopen`)).body).toEqual({ status: 'open', purgeOn: null });
    expect((await worker.post(`/api/cases/${id}/reopen`)).status).toBe(409);
    expect((await stranger.post(`/api/cases/${id}/close`, { reason: 'other' })).status).toBe(404);
  });

  it('lets only the coordinator or an agency admin erase a case, after typing "erase"; then nothing of it is left', async () => {
    const id = await openCase('Ursula');
    await coordinator.post(`/api/cases/${id}/notes`, { text: 'A note to be erased.' });
    expect((await coordinator.request('DELETE', `/api/cases/${id}`, {})).body.error.message).toMatch(/type "erase"/);
    expect((await worker.request('DELETE', `/api/cases/${id}`, { confirm: 'erase' })).status).toBe(403);
    expect((await otherCoordinator.request('DELETE', `/api/cases/${id}`, { confirm: 'erase' })).status).toBe(403);
    expect((await stranger.request('DELETE', `/api/cases/${id}`, { confirm: 'erase' })).status).toBe(404);
    const factsBefore = (await deps.kysely.selectFrom('caseFact').select('id').execute()).length;
    expect((await coordinator.request('DELETE', `/api/cases/${id}`, { confirm: 'erase' })).body).toEqual({ erased: true });
    expect((await coordinator.get(`/api/cases/${id}`)).status).toBe(404);
    for (const table of ['caseRecord', 'caseKey'] as const) {
      const column = table === 'caseRecord' ? 'id' : 'caseId';
      expect(await deps.kysely.selectFrom(table).select(column).where(column, '=', id).execute()).toEqual([]);
    }
    expect(await deps.kysely.selectFrom('caseNote').select('id').where('caseId', '=', id).execute()).toEqual([]);
    expect((await deps.kysely.selectFrom('caseFact').select('id').execute()).length).toBe(factsBefore - 1);
    const byAdmin = await openCase('Teresa');
    expect((await agencyAdmin.request('DELETE', `/api/cases/${byAdmin}`, { confirm: 'effacer' })).status).toBe(200);
  });

  it('purges closed cases when their retention ends, and a backup taken before cannot bring them back', async () => {
    const kept = await openCase('Rosalind');
    const purged = await openCase('Sabine');
    await coordinator.post(`/api/cases/${purged}/notes`, { text: 'Sabine left for Halifax.' });
    const referral = await coordinator.post('/api/referrals', {
      toAgencyId: agencyId,
      fromCaseId: purged,
      shared: { person: { name: 'Sabine' }, needs: ['safe-housing'], safeContact: { channel: 'phone', reachAt: '514-555-0142' } },
      consent: { givenOn: '2026-11-23', until: '2027-11-23', agreed: true },
    });
    expect(referral.status).toBe(201);
    await coordinator.post(`/api/cases/${purged}/close`, { reason: 'person-moved-on' });

    // The backup of the day: data in one file, case keys in another.
    const data = path.join(temp, `${engine}-data.gz`);
    const oldKeys = path.join(temp, `${engine}-keys-old.gz`);
    await writeBackup(deps.kysely, data);
    await writeBackup(deps.kysely, oldKeys, 'case-keys');
    const dataText = zlib.gunzipSync(fs.readFileSync(data)).toString('utf8');
    expect(dataText).not.toMatch(/"table":"(case|referral)_key"|sealed_key/);
    expect(dataText).toContain(purged);

    deps.advance(29 * DAY);
    expect(await purgeDueCases(deps)).toBe(0);
    deps.advance(DAY);
    const factsBefore = (await deps.kysely.selectFrom('caseFact').select('id').execute()).length;
    expect(await purgeDueCases(deps)).toBe(1);
    expect(await deps.kysely.selectFrom('caseRecord').select('id').where('id', '=', purged).execute()).toEqual([]);
    expect(await deps.kysely.selectFrom('caseKey').select('caseId').where('caseId', '=', purged).execute()).toEqual([]);
    expect((await deps.kysely.selectFrom('caseFact').select('id').execute()).length).toBe(factsBefore - 1);
    const event = await deps.kysely
      .selectFrom('auditEvent')
      .select(['action', 'details'])
      .where('targetId', '=', purged)
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(event).toEqual({ action: 'case.purge', details: { via: 'retention' } });

    // The keys of today open every case not purged; the purged one is left out of a restore.
    const newKeys = path.join(temp, `${engine}-keys-new.gz`);
    await writeBackup(deps.kysely, newKeys, 'case-keys');
    const restoredDb = await openTestDb(engine);
    const restored = await restoreBackup(restoredDb.kysely, data, newKeys);
    expect(restored.casesLeftOut).toBe(1);
    const ids = (await restoredDb.kysely.selectFrom('caseRecord').select('id').execute()).map((row) => row.id);
    expect(ids).toContain(kept);
    expect(ids).not.toContain(purged);
    expect(await restoredDb.kysely.selectFrom('caseNote').select('id').where('caseId', '=', purged).execute()).toEqual([]);
    // The referral made from the purged case is kept, without its link to the case.
    const restoredReferral = await restoredDb.kysely
      .selectFrom('referral')
      .select('fromCaseId')
      .where('id', '=', referral.body.id)
      .executeTakeFirstOrThrow();
    expect(restoredReferral.fromCaseId).toBeNull();
    await restoredDb.close();

    // The control: with the old key file, the same data backup does bring the case back.
    const control = await openTestDb(engine);
    expect((await restoreBackup(control.kysely, data, oldKeys)).casesLeftOut).toBe(0);
    const controlDeps = testDeps(control, {}, deps.keyring);
    const record = await control.kysely
      .selectFrom('caseRecord')
      .select(['id', 'sealed'])
      .where('id', '=', purged)
      .executeTakeFirstOrThrow();
    expect(openContent(await caseKey(controlDeps, agencyId, purged), record).person.names).toEqual(['Sabine']);
    await control.close();
  });
});
