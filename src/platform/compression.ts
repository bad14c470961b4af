import { promisify } from 'node:util';
import zlib from 'node:zlib';
import type { FastifyInstance, FastifyRequest } from 'fastify';

const brotli = promisify(zlib.brotliCompress);
const gzip = promisify(zlib.gzip);
const WORTH_IT = 1024;

/** Brotli if the browser takes it, else gzip, else nothing ("br;q=0" says no). */
export function chooseEncoding(acceptEncoding: string | undefined): 'br' | 'gzip' | undefined {
  const accepted = new Map(
    (acceptEncoding ?? '')
      .toLowerCase()
      .split(',')
      .map((part) => {
        const [name = '', ...params] = part.trim().split(';');
        const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
        return [name.trim(), q ? Number(q.slice(2)) : 1] as const;
      }),
  );
  const takes = (name: string) => (accepted.get(name) ?? accepted.get('*') ?? 0) > 0;
  return takes('br') ? 'br' : takes('gzip') ? 'gzip' : undefined;
}

/**
 * Compresses JSON answers to people who are not signed in (the directory, the library, published
 * statistics). An answer to a signed-in session is never compressed: it may carry a CSRF token
 * or case data beside text the request chose, which is what a BREACH-style attack needs.
 */
// Any Harbour cookie counts, live or not: the session cookie's name always holds "harbour".
const compressible = (request: FastifyRequest, type: string) =>
  !request.headers.cookie?.includes('harbour') && type.startsWith('application/json');

export function installCompression(app: FastifyInstance): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (typeof payload !== 'string' || payload.length < WORTH_IT || reply.hasHeader('content-encoding')) return payload;
    if (!compressible(request, String(reply.getHeader('content-type') ?? ''))) return payload;
    reply.header('Vary', 'Accept-Encoding');
    const encoding = chooseEncoding(request.headers['accept-encoding']);
    if (!encoding) return payload;
    reply.header('Content-Encoding', encoding);
    reply.removeHeader('content-length');
    return encoding === 'br' ? brotli(payload, { params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } }) : gzip(payload, { level: 6 });
  });
}
