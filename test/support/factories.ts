import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/db/tables.js';
import { createAgency, seedAccount } from '../../src/modules/accounts/service.js';
import { newCase } from '../../src/modules/cases/schema.js';
import { createCase } from '../../src/modules/cases/service.js';
import { createOrganization, createService, createServicePoint } from '../../src/modules/directory/service.js';
import { newReferral } from '../../src/modules/referrals/schema.js';
import { createReferral } from '../../src/modules/referrals/service.js';
import type { Deps } from '../../src/platform/context.js';
import { type AccountActor, commandLine } from '../../src/platform/policy.js';
import { newTotpSecret, totpCode, totpStep } from '../../src/platform/totp.js';

/** Every test makes its own agencies and accounts, so tests never share or clear rows. */
export async function makeAgency(deps: Deps, name = 'Test agency', slug = `test-${crypto.randomBytes(5).toString('hex')}`) {
  return createAgency(deps, commandLine, { slug, name, province: 'ON' });
}

export const PASSWORD = 'correct horse battery staple';

export async function makeAccount(deps: Deps, agencyId: string, roles: Role[]) {
  const email = `${roles[0]}-${crypto.randomBytes(5).toString('hex')}@test.example`;
  const account = await seedAccount(deps, { agencyId, email, displayName: `Test ${roles.join(' ')}`, roles, password: PASSWORD });
  return { ...account, password: PASSWORD };
}

/** An account acting through the services directly, fully signed in: what a factory acts as. */
export const asActor = (account: { id: string; agencyId: string; roles: readonly Role[] }): AccountActor => ({
  kind: 'account',
  accountId: account.id,
  agencyId: account.agencyId,
  roles: account.roles,
  stage: 'full',
});

interface ServiceOptions {
  /** An organization already made for the agency; a new member organization otherwise. */
  organizationId?: string;
  organizationName?: string;
  name?: string;
  categories?: string[];
  languages?: string[];
  /** How to reach it: phones, email, website, as the directory takes them. */
  contact?: {
    phones?: Array<{ number: string; extension?: string; kind?: 'voice' | 'text' | 'tty' | 'fax' }>;
    email?: string;
    website?: string;
  };
  /** A location for the service; confidential ones keep their address sealed. */
  point?: { name: string; city: string; province: 'ON' | 'QC' | 'BC'; isConfidential?: boolean; address?: string };
}

/** A service kept by a member agency (so it takes referrals), made through the directory's own service. */
export async function makeMemberService(deps: Deps, agencyId: string, options: ServiceOptions = {}) {
  const name = options.name ?? `Service ${crypto.randomBytes(3).toString('hex')}`;
  const organizationId =
    options.organizationId ??
    (await createOrganization(deps, commandLine, { agencyId, name: options.organizationName ?? `${name} (organization)`, isMember: true }))
      .id;
  const servicePointId = options.point
    ? (await createServicePoint(deps, commandLine, { organizationId, isConfidential: false, ...options.point })).id
    : null;
  const service = await createService(deps, commandLine, {
    organizationId,
    servicePointId,
    nameEn: name,
    nameFr: name,
    categories: options.categories ?? ['safe-housing'],
    languages: options.languages ?? [],
    ...options.contact,
  });
  return { id: service.id, organizationId, servicePointId };
}

/** A case opened by `actor` through the cases service, with whatever content a test gives (a name otherwise). */
export async function makeCase(deps: Deps, actor: AccountActor, content: Record<string, unknown> = {}) {
  return createCase(deps, actor, newCase.parse({ person: { names: ['Test person'] }, ...content }));
}

/** A referral sent by `actor` through the referrals service: to a service, or `{ toAgencyId }` in `overrides`. */
export async function makeReferral(deps: Deps, actor: AccountActor, overrides: Record<string, unknown> = {}) {
  const today = deps.now().toISOString().slice(0, 10);
  const until = new Date(deps.now().getTime() + 90 * 86_400_000).toISOString().slice(0, 10);
  return createReferral(
    deps,
    actor,
    newReferral.parse({
      shared: { person: { name: 'Test person' }, needs: ['legal'], safeContact: { channel: 'phone', reachAt: '514-555-0142' } },
      consent: { givenOn: today, until, agreed: true },
      send: true,
      ...overrides,
    }),
  );
}

/** A signed-in browser, as far as the API can tell: the cookie jar and the CSRF token. */
export class Client {
  cookie = '';
  csrf = '';
  /** `address`: the client address the server sees (127.0.0.1 unless given). */
  constructor(
    readonly app: FastifyInstance,
    readonly address?: string,
  ) {}

  async request(method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE', url: string, body?: unknown, headers: Record<string, string> = {}) {
    const response = await this.app.inject({
      method,
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(method !== 'GET' && this.csrf ? { 'x-csrf-token': this.csrf } : {}),
        ...headers,
      },
      ...(body !== undefined ? { payload: body as Record<string, unknown> } : {}),
      ...(this.address ? { remoteAddress: this.address } : {}),
    });
    const set = response.cookies.find((c) => c.name === 'harbour_session' || c.name === '__Host-harbour');
    if (set) this.cookie = set.value ? `${set.name}=${set.value}` : '';
    const json = response.headers['content-type']?.toString().includes('json') ? response.json() : undefined;
    if (json?.csrfToken) this.csrf = json.csrfToken;
    return { status: response.statusCode, body: json, headers: response.headers, raw: response };
  }

  get(url: string) {
    return this.request('GET', url);
  }
  post(url: string, body?: unknown) {
    return this.request('POST', url, body);
  }
}

/** Signs in, setting up and answering the second factor where the role needs one. */
export async function signedIn(app: FastifyInstance, deps: Deps & { advance(ms: number): void }, email: string, password = PASSWORD) {
  const client = new Client(app);
  const started = await client.post('/api/auth/sign-in', { email, password });
  if (started.status !== 200) throw new Error(`sign-in failed: ${started.status} ${JSON.stringify(started.body)}`);
  let totpSecret: string | undefined;
  if (started.body.stage === 'enrol') {
    const enrolment = await client.post('/api/auth/second-factor/enrolment');
    totpSecret = enrolment.body.secret as string;
    const confirmed = await client.post('/api/auth/second-factor/enrolment/confirm', {
      code: totpCode(totpSecret, totpStep(deps.now())),
    });
    if (confirmed.status !== 200) throw new Error(`enrolment failed: ${JSON.stringify(confirmed.body)}`);
  }
  return { client, totpSecret };
}

export { newTotpSecret };
