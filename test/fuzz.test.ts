import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Role } from '../src/db/tables.js';
import { buildApp } from '../src/server.js';
import { engines, openTestDb, type TestDb, type TestDeps, testDeps } from './support/db.js';
import { type Client, makeAccount, makeAgency, signedIn } from './support/factories.js';

/**
 * Bad requests generated from the OpenAPI description, across every route, as every role and as
 * nobody: wrong types, missing and extra fields, odd ids, broken JSON, wrong content types. None
 * may answer 5xx or crash the process. Seeded (FUZZ_SEED), so a failure can be replayed.
 */
const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 10_000);
const SEED = Number(process.env.FUZZ_SEED ?? 20261130);

function random(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  anyOf?: JsonSchema[];
  format?: string;
}

interface Operation {
  method: string;
  path: string;
  body?: JsonSchema;
  query?: JsonSchema;
}

const oddStrings = [
  '',
  ' ',
  'x',
  '0',
  '-1',
  'null',
  'undefined',
  '../../../etc/passwd',
  '%00',
  '\u0000',
  "'; DROP TABLE account; --",
  '<script>alert(1)</script>',
  '😀'.repeat(50),
  'a'.repeat(5_000),
  '00000000-0000-4000-8000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
  '1e309',
  'NaN',
  '2026-02-30',
  '9999-99-99',
  'https://',
  '@',
  '{}',
  '[]',
];

describe.each(engines)('a fuzz of every route from the OpenAPI description on %s', (engine) => {
  let db: TestDb;
  let deps: TestDeps;
  let app: FastifyInstance;
  const callers: Array<{ role: Role | 'anonymous'; client?: Client }> = [{ role: 'anonymous' }];

  beforeAll(async () => {
    db = await openTestDb(engine, { max: 8 });
    deps = testDeps(db, { HARBOUR_MFA: 'optional', HARBOUR_SIGNIN_MAX_PER_ADDRESS: '1000000' });
    app = await buildApp(deps, { webDir: '/nonexistent' });
    const agency = await makeAgency(deps, 'Fuzzed agency');
    for (const role of ['network_admin', 'agency_admin', 'coordinator', 'worker', 'researcher'] as Role[]) {
      callers.push({ role, client: (await signedIn(app, deps, (await makeAccount(deps, agency.id, [role])).email)).client });
    }
  });
  afterAll(async () => {
    await app.close();
    await db.close();
  });

  it(`answers ${REQUESTS} generated bad requests without a 5xx`, { timeout: 300_000 }, async () => {
    const spec = (await app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<
        string,
        Record<
          string,
          {
            requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
            parameters?: Array<{ in: string; name: string; schema?: JsonSchema }>;
          }
        >
      >;
    };
    const operations: Operation[] = Object.entries(spec.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        // Signing out ends the fuzzing caller's own session: it is tried, but last (below).
        .filter(([method]) => ['get', 'post', 'put', 'patch', 'delete'].includes(method))
        .map(([method, op]) => {
          const query = op.parameters?.filter((p) => p.in === 'query');
          return {
            method: method.toUpperCase(),
            path,
            body: op.requestBody?.content?.['application/json']?.schema,
            query: query?.length ? { properties: Object.fromEntries(query.map((p) => [p.name, p.schema ?? {}])) } : undefined,
          };
        }),
    );
    expect(operations.length).toBeGreaterThan(60);
    const next = random(SEED);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;

    const wrongValue = (schema: JsonSchema | undefined, depth = 0): unknown => {
      const roll = next();
      if (roll < 0.15) return pick(oddStrings);
      if (roll < 0.25)
        return pick([null, true, false, 0, -1, Number.MAX_VALUE, 2 ** 53 + 1, -0.5, {}, [], [null], { a: { b: { c: [] } } }]);
      if (schema?.enum && roll < 0.35) return `${String(pick(schema.enum))}x`;
      const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
      if (type === 'object' && schema?.properties && depth < 3) return wrongBody(schema, depth + 1);
      if (type === 'array') return Array.from({ length: Math.floor(next() * 4) }, () => wrongValue(schema?.items, depth + 1));
      if (type === 'string') return pick(oddStrings);
      if (type === 'number' || type === 'integer') return pick([-1, 0, 1.5, 1e12, Number.MAX_SAFE_INTEGER, -1e12]);
      if (type === 'boolean') return pick(['true', 1, null]);
      return pick(oddStrings);
    };
    const seededUuid = () => 'xxxxxxxx-xxxx-4xxx-8xxx-xxxxxxxxxxxx'.replace(/x/g, () => Math.floor(next() * 16).toString(16));
    // Near-valid input reaches past validation, into the services and the database.
    const validValue = (schema: JsonSchema | undefined, depth = 0): unknown => {
      if (schema?.enum) return pick(schema.enum);
      if (schema?.anyOf) return validValue(pick(schema.anyOf), depth);
      const type = Array.isArray(schema?.type) ? schema?.type[0] : schema?.type;
      if (type === 'object') return depth < 3 ? validBody(schema, depth + 1) : {};
      if (type === 'array') return depth < 3 ? [validValue(schema?.items, depth + 1)] : [];
      if (type === 'integer' || type === 'number') return pick([1, 2, 10, 50]);
      if (type === 'boolean') return next() < 0.5;
      if (schema?.format === 'uuid') return pick(['00000000-0000-4000-8000-000000000000', seededUuid()]);
      if (schema?.format === 'email') return `fuzz${Math.floor(next() * 1e6)}@test.example`;
      if (schema?.format === 'date') return pick(['2026-01-15', '2027-06-01', '1990-04-17']);
      if (schema?.format === 'date-time') return '2026-11-30T12:00:00.000Z';
      if (schema?.format === 'uri') return 'https://example.org/page';
      return pick(['Sample text', 'Fuzzed name', 'Montréal', 'legal aid', 'ab']);
    };
    const validBody = (schema: JsonSchema | undefined, depth = 0): Record<string, unknown> =>
      Object.fromEntries(Object.entries(schema?.properties ?? {}).map(([name, property]) => [name, validValue(property, depth)]));
    const nearlyValidBody = (schema: JsonSchema | undefined): Record<string, unknown> => {
      const body = validBody(schema);
      const names = Object.keys(schema?.properties ?? {});
      if (names.length > 0 && next() < 0.7) body[pick(names)] = wrongValue(schema?.properties?.[pick(names)]);
      return body;
    };
    const wrongBody = (schema: JsonSchema | undefined, depth = 0): Record<string, unknown> => {
      const body: Record<string, unknown> = {};
      for (const [name, property] of Object.entries(schema?.properties ?? {})) {
        if (next() < 0.2) continue; // left out
        body[name] = wrongValue(property, depth);
      }
      if (next() < 0.2) body[pick(['__proto__', 'constructor', 'extra', 'id', 'agencyId', 'roles'])] = wrongValue(undefined, depth);
      return body;
    };
    const url = (op: Operation) => {
      const path = op.path.replace(/\{[^}]+\}/g, () => encodeURIComponent(String(pick(oddStrings)).slice(0, 300)) || 'x');
      if (!op.query || next() < 0.3) return path;
      const query = Object.entries(wrongBody(op.query)).map(
        ([key, value]) =>
          `${encodeURIComponent(key)}=${encodeURIComponent(typeof value === 'string' ? value : (JSON.stringify(value) ?? ''))}`,
      );
      return `${path}?${query.join('&')}`;
    };

    const failures: string[] = [];
    const statuses = new Map<number, number>();
    const signOuts = operations.filter((op) => op.path.startsWith('/api/auth/sign-out'));
    const rest = operations.filter((op) => !signOuts.includes(op));
    for (let i = 0; i < REQUESTS; i++) {
      const op = i >= REQUESTS - signOuts.length * callers.length ? (signOuts[i % signOuts.length] as Operation) : pick(rest);
      const caller = pick(callers);
      const target = url(op);
      const shape = next();
      const payload =
        op.method === 'GET' || op.method === 'DELETE'
          ? undefined
          : shape < 0.1
            ? '{"broken": '
            : shape < 0.15
              ? pick(oddStrings)
              : JSON.stringify(shape < 0.2 ? pick([[], null, 42, 'text']) : shape < 0.6 ? nearlyValidBody(op.body) : wrongBody(op.body));
      const headers: Record<string, string> = {
        ...(caller.client?.cookie ? { cookie: caller.client.cookie } : {}),
        ...(caller.client?.csrf && next() < 0.9 ? { 'x-csrf-token': caller.client.csrf } : {}),
        ...(payload !== undefined ? { 'content-type': shape > 0.95 ? 'text/plain' : 'application/json' } : {}),
      };
      const request: InjectOptions = {
        method: op.method as InjectOptions['method'],
        url: target,
        headers,
        ...(payload !== undefined ? { payload } : {}),
      };
      const response = await app.inject(request);
      statuses.set(response.statusCode, (statuses.get(response.statusCode) ?? 0) + 1);
      if (response.statusCode >= 500)
        failures.push(
          `${caller.role} ${op.method} ${target.slice(0, 200)} ${String(payload).slice(0, 200)} → ${response.statusCode} ${response.body.slice(0, 200)}`,
        );
    }
    const summary = [...statuses.entries()]
      .sort(([a], [b]) => a - b)
      .map(([status, n]) => `${status}×${n}`)
      .join(' ');
    process.stdout.write(
      `fuzz on ${engine}: ${REQUESTS} requests over ${operations.length} operations as ${callers.length} callers, seed ${SEED}: ${summary}\n`,
    );
    expect(failures).toEqual([]);
  });

  it('refuses a NUL character anywhere in a request with 400 naming the field (found by this fuzz)', async () => {
    // Its own session: the fuzz ends by signing its callers out.
    const network = (await signedIn(app, deps, (await makeAccount(deps, (await makeAgency(deps)).id, ['network_admin'])).email)).client;
    const slug = await network.request('PUT', '/api/library/collections/%00/items', { resourceIds: [] });
    expect(slug.status).toBe(400);
    expect(slug.body.error.message).toBe('slug: a NUL character is not allowed');
    const name = await network.post('/api/directory/organizations', { name: 'Centre\u0000Nord' });
    expect(name.status).toBe(400);
    expect(name.body.error.message).toBe('name: a NUL character is not allowed');
  });
});
