import crypto from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { Role } from '../../src/db/tables.js';
import { createAgency, seedAccount } from '../../src/modules/accounts/service.js';
import type { Deps } from '../../src/platform/context.js';
import { commandLine } from '../../src/platform/policy.js';
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
