import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from '../../../test/support/db.js';
import { Client, makeAccount, makeAgency, signedIn } from '../../../test/support/factories.js';
import { buildApp } from '../../server.js';
import { pendingEmails } from '../notifications/index.js';
import { loadSampleApplication } from './sample.js';

let counter = 0;
const application = (overrides: Record<string, unknown> = {}) => ({
  organizationName: `Maison d’accueil Solidarité ${++counter}`,
  province: 'QC',
  city: 'Sainte-Clotilde',
  website: 'https://example.org/solidarite',
  criteria: { canadian: true, nonGovernmental: true, worksInCanada: true },
  work: ['services'],
  whatItDoes: 'Hébergement et accompagnement de travailleuses et travailleurs agricoles étrangers.',
  howItMeetsCriteria: 'Organisme sans but lucratif québécois, indépendant de tout gouvernement, actif en Montérégie.',
  contact: { name: 'Josée Tremblay', email: `josee.${counter}@solidarite.example`, phone: '555-0100', role: 'Directrice' },
  language: 'fr',
  ...overrides,
});

describe.each(engines)('joining the network on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  let network: Client;
  let networkAdminId: string;
  let agencyAdmin: Client;
  let addresses = 0;
  /** Each applicant its own client address: the public forms' limit is per address. */
  const applicant = () => new Client(app, `198.51.100.${++addresses}`);
  const emailsTo = async (to: string) => (await pendingEmails(deps)).filter((email) => email.toAddress === to);

  beforeAll(async () => {
    db = await openTestDb(engine);
    deps = testDeps(db, { HARBOUR_PUBLIC_FORMS_PER_HOUR: '3' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const home = await makeAgency(deps, 'Network office');
    const admin = await makeAccount(deps, home.id, ['network_admin']);
    networkAdminId = admin.id;
    network = (await signedIn(app, deps, admin.email)).client;
    agencyAdmin = (await signedIn(app, deps, (await makeAccount(deps, home.id, ['agency_admin'])).email)).client;
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  async function applied(overrides: Record<string, unknown> = {}) {
    const body = application(overrides);
    const response = await applicant().post('/api/membership/applications', body);
    expect(response.status).toBe(201);
    return { id: response.body.id as string, body };
  }

  it('takes an application from anyone, writes back to the applicant in their language, and tells the network admins', async () => {
    const { id, body } = await applied();
    const [received] = await emailsTo(body.contact.email);
    expect(received?.subject).toMatch(/^Harbour : votre demande d’adhésion/);
    expect(received?.body.indexOf('Bonjour')).toBeLessThan(received?.body.indexOf('Hello') ?? 0);
    const notices = await deps.kysely.selectFrom('notification').selectAll().where('subjectId', '=', id).execute();
    expect(notices.map((n) => [n.accountId, n.kind, n.subjectType])).toEqual([
      [networkAdminId, 'membership-applied', 'membership-application'],
    ]);
    const seen = await network.get(`/api/membership/applications/${id}`);
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ organizationName: body.organizationName, state: 'submitted', province: 'QC', work: ['services'] });
    expect(JSON.stringify(seen.body)).not.toMatch(/answerToken/);
    const audit = await deps.kysely.selectFrom('auditEvent').selectAll().where('targetId', '=', id).execute();
    expect(audit.map((event) => event.action)).toEqual(['membership.apply']);
    expect(JSON.stringify(audit)).not.toContain('Tremblay');
  });

  it.each([
    [
      { criteria: { canadian: true, nonGovernmental: false, worksInCanada: true } },
      /criteria\.nonGovernmental: a member is non-governmental/,
    ],
    [{ criteria: undefined }, /criteria/],
    [{ work: [] }, /work: a member raises awareness/],
    [{ work: ['lobbying'] }, /work\.0: one of awareness, services/],
    [{ province: 'XX' }, /province: a two-letter province/],
    [{ website: 'not a link' }, /website: a web address/],
    [{ whatItDoes: 'help' }, /whatItDoes: at least 20 characters/],
    [{ contact: { name: 'Jo', email: 'nobody' } }, /contact\.email: an email address/],
    [{ language: 'es' }, /language: en or fr/],
  ])('refuses a bad application and names what is wrong: %j', async (overrides, message) => {
    const before = await deps.kysely.selectFrom('membershipApplication').select('id').execute();
    const response = await applicant().post('/api/membership/applications', application(overrides));
    expect(response.status).toBe(400);
    expect(JSON.stringify(response.body)).toMatch(message);
    expect(await deps.kysely.selectFrom('membershipApplication').select('id').execute()).toHaveLength(before.length);
  });

  it('limits applications from one address, and keeps no address', async () => {
    const same = applicant();
    for (let n = 0; n < 3; n++) expect((await same.post('/api/membership/applications', application())).status).toBe(201);
    const refused = await same.post('/api/membership/applications', application());
    expect(refused.status).toBe(429);
    const rows = await deps.kysely.selectFrom('membershipApplication').selectAll().execute();
    expect(JSON.stringify(rows)).not.toContain(same.address);
  });

  it('shows applications to network admins only', async () => {
    const { id } = await applied();
    expect((await agencyAdmin.get('/api/membership/applications')).status).toBe(403);
    expect((await agencyAdmin.get(`/api/membership/applications/${id}`)).status).toBe(403);
    expect((await agencyAdmin.post(`/api/membership/applications/${id}/approve`, { was: 'submitted' })).status).toBe(403);
    expect((await new Client(app).get('/api/membership/applications')).status).toBe(401);
    const listed = await network.get('/api/membership/applications?state=submitted');
    expect(listed.body.some((a: { id: string }) => a.id === id)).toBe(true);
    expect((await network.get('/api/membership/applications?state=maybe')).body.error.message).toMatch(/state: one of submitted/);
    expect((await network.get('/api/membership/applications/not-an-id')).status).toBe(400);
  });

  it('asks the applicant for more by a one-time link; the answer puts the application back in the queue', async () => {
    const { id, body } = await applied();
    expect((await network.post(`/api/membership/applications/${id}/ask`, { was: 'submitted', question: 'short' })).status).toBe(400);
    const asked = await network.post(`/api/membership/applications/${id}/ask`, {
      was: 'submitted',
      question: 'Quelles régions desservez-vous, et avec quels partenaires ?',
    });
    expect(asked.status).toBe(200);
    expect(asked.body.state).toBe('needs-more');
    const letter = (await emailsTo(body.contact.email)).find((email) => email.subject.includes('précisions'));
    expect(letter?.body).toContain('Quelles régions desservez-vous');
    const token = letter?.body.match(/\/join\/answer#([\w-]+)/)?.[1] as string;
    expect(token).toBeTruthy();

    const someone = applicant();
    expect((await someone.post('/api/membership/answer/question', { token: 'x'.repeat(43) })).status).toBe(404);
    const question = await someone.post('/api/membership/answer/question', { token });
    expect(question.body).toMatchObject({ organizationName: body.organizationName, language: 'fr' });
    expect(question.body.questions[0].body).toContain('Quelles régions');
    expect((await someone.post('/api/membership/answer', { token, answer: '' })).status).toBe(400);
    const answered = await someone.post('/api/membership/answer', { token, answer: 'La Montérégie, avec la clinique juridique du coin.' });
    expect(answered.body).toEqual({ id, state: 'submitted' });
    expect((await someone.post('/api/membership/answer/question', { token })).status).toBe(404);

    const seen = await network.get(`/api/membership/applications/${id}`);
    expect(seen.body.messages.map((m: { kind: string }) => m.kind)).toEqual(['question', 'answer']);
    expect(seen.body.messages[0].by).toBeTruthy();
    expect(seen.body.messages[1].by).toBeNull();
    const kinds = await deps.kysely.selectFrom('notification').select('kind').where('subjectId', '=', id).execute();
    expect(kinds.map((k) => k.kind).sort()).toEqual(['membership-answered', 'membership-applied']);
  });

  it('lets the answer link lapse after 30 days', async () => {
    const { id, body } = await applied();
    await network.post(`/api/membership/applications/${id}/ask`, { was: 'submitted', question: 'Combien de personnes bénévoles ?' });
    const token = (await emailsTo(body.contact.email)).at(-1)?.body.match(/\/join\/answer#([\w-]+)/)?.[1] as string;
    const later = { ...deps, now: () => new Date(deps.now().getTime() + 31 * 86_400_000) };
    const lateApp = await buildApp(later, { webDir: '/nonexistent' });
    try {
      const response = await new Client(lateApp, '203.0.113.9').post('/api/membership/answer/question', { token });
      expect(response.status).toBe(404);
      expect(response.body.error.message).toMatch(/expired/);
    } finally {
      await lateApp.close();
    }
  });

  it('approves in one step: the agency, its draft organization and the invitation of its first admin; audited and emailed', async () => {
    const { id, body } = await applied({ organizationName: 'Réseau Montérégie' });
    const approved = await network.post(`/api/membership/applications/${id}/approve`, { was: 'submitted', note: 'Bienvenue !' });
    expect(approved.body.error).toBeUndefined();
    expect(approved.status).toBe(200);
    expect(approved.body).toMatchObject({ state: 'approved', invitedEmail: body.contact.email });
    const agency = await deps.kysely.selectFrom('agency').selectAll().where('id', '=', approved.body.agencyId).executeTakeFirstOrThrow();
    expect(agency).toMatchObject({ name: 'Réseau Montérégie', slug: 'reseau-monteregie', province: 'QC', state: 'active' });
    const organization = await deps.kysely
      .selectFrom('organization')
      .selectAll()
      .where('agencyId', '=', agency.id)
      .executeTakeFirstOrThrow();
    expect(organization).toMatchObject({
      name: 'Réseau Montérégie',
      isMember: true,
      descriptionFr: body.whatItDoes,
      website: body.website,
    });
    expect(await deps.kysely.selectFrom('service').select('id').where('organizationId', '=', organization.id).execute()).toEqual([]);
    const account = await deps.kysely.selectFrom('account').selectAll().where('agencyId', '=', agency.id).executeTakeFirstOrThrow();
    expect(account).toMatchObject({
      email: body.contact.email,
      displayName: 'Josée Tremblay',
      roles: ['agency_admin'],
      passwordHash: null,
    });
    const letters = await emailsTo(body.contact.email);
    expect(letters.map((l) => l.subject)).toEqual(
      expect.arrayContaining([expect.stringMatching(/bienvenue dans le réseau/), expect.stringMatching(/Your invitation to Harbour/)]),
    );
    expect(letters.find((l) => l.subject.includes('bienvenue'))?.body).toContain('Bienvenue !');
    const actions = await deps.kysely.selectFrom('auditEvent').select('action').where('agencyId', '=', agency.id).execute();
    expect(actions.map((a) => a.action)).toEqual(
      expect.arrayContaining(['agency.create', 'directory.organization.create', 'account.invite', 'membership.approve']),
    );

    // A second agency of the same name gets its own short name.
    const twin = await applied({ organizationName: 'Réseau Montérégie' });
    const second = await network.post(`/api/membership/applications/${twin.id}/approve`, { was: 'submitted' });
    expect(
      (await deps.kysely.selectFrom('agency').select('slug').where('id', '=', second.body.agencyId).executeTakeFirstOrThrow()).slug,
    ).toBe('reseau-monteregie-2');
  });

  it('decides an application once, on the state the reviewer saw', async () => {
    const { id } = await applied();
    const stale = await network.post(`/api/membership/applications/${id}/approve`, { was: 'needs-more' });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/now submitted, not needs-more/);
    expect((await network.post(`/api/membership/applications/${id}/decline`, { was: 'submitted', reason: 'non' })).status).toBe(400);
    const declined = await network.post(`/api/membership/applications/${id}/decline`, {
      was: 'submitted',
      reason: 'Un service municipal ne peut pas être membre du réseau.',
    });
    expect(declined.body.state).toBe('declined');
    expect((await network.post(`/api/membership/applications/${id}/approve`, { was: 'declined' })).status).toBe(400);
    expect((await network.post(`/api/membership/applications/${id}/approve`, { was: 'submitted' })).status).toBe(409);
    expect((await deps.kysely.selectFrom('agency').select('id').where('name', 'like', 'Maison d’accueil%').execute()).length).toBe(0);
  });

  it('undoes the whole approval when its contact already has an account, and says why', async () => {
    const existing = await makeAccount(deps, (await makeAgency(deps, 'Elsewhere')).id, ['worker']);
    const { id } = await applied({ organizationName: 'Refuge de la Côte', contact: { name: 'Sam Côté', email: existing.email } });
    const agenciesBefore = await deps.kysely.selectFrom('agency').select('id').execute();
    const refused = await network.post(`/api/membership/applications/${id}/approve`, { was: 'submitted' });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/^contact\.email: .* already has a Harbour account/);
    expect(await deps.kysely.selectFrom('agency').select('id').execute()).toHaveLength(agenciesBefore.length);
    expect(await deps.kysely.selectFrom('organization').select('id').where('name', '=', 'Refuge de la Côte').execute()).toEqual([]);
    expect((await network.get(`/api/membership/applications/${id}`)).body.state).toBe('submitted');
  });

  it('refuses a short name already taken, naming it, and stores nothing', async () => {
    const taken = await makeAgency(deps, 'Taken', 'deja-pris');
    const { id } = await applied();
    const refused = await network.post(`/api/membership/applications/${id}/approve`, { was: 'submitted', slug: taken.slug });
    expect(refused.status).toBe(409);
    expect(refused.body.error.message).toMatch(/slug: deja-pris is already taken/);
    expect((await network.get(`/api/membership/applications/${id}`)).body.state).toBe('submitted');
    expect((await network.post(`/api/membership/applications/${id}/approve`, { was: 'submitted', slug: 'Bad Slug' })).status).toBe(400);
  });

  it('loads the sample network’s application, which says it is sample data, waiting for review', async () => {
    const { id } = await loadSampleApplication(deps);
    const seen = await network.get(`/api/membership/applications/${id}`);
    expect(seen.body).toMatchObject({ state: 'submitted', province: 'NS', contact: { email: 'valley-circle@example.org' } });
    expect(seen.body.organizationName).toMatch(/\(sample\)$/);
    expect(seen.body.whatItDoes).toMatch(/Sample data/);
  });
});
