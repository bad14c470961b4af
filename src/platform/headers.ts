import type { FastifyInstance } from 'fastify';

/**
 * No inline script, no framing, no referrer: a page of Harbour tells no other site it was seen.
 * 'wasm-unsafe-eval' lets Harbour's own scripts compile WebAssembly (Argon2id, which sealing help
 * requests needs and WebCrypto lacks); it allows no eval() of JavaScript.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

export function installSecurityHeaders(app: FastifyInstance, options: { https: boolean }): void {
  app.addHook('onSend', async (request, reply, payload) => {
    // The API browser ships its own inline bootstrap and sets its own policy; a route that sets a
    // stricter one (a downloaded file: sandboxed, nothing loads) keeps it.
    if (!request.url.startsWith('/api/docs') && !reply.hasHeader('Content-Security-Policy')) {
      reply.header('Content-Security-Policy', contentSecurityPolicy);
    }
    reply.header('X-Content-Type-Options', 'nosniff');
    reply.header('X-Frame-Options', 'DENY');
    reply.header('Referrer-Policy', 'no-referrer');
    reply.header('Cross-Origin-Opener-Policy', 'same-origin');
    reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    reply.header('Permissions-Policy', 'camera=(), microphone=(), geolocation=(), interest-cohort=()');
    if (options.https) reply.header('Strict-Transport-Security', 'max-age=31536000; includeSubDomains');
    // Nothing is kept in a cache a later user of the same computer could open; the one exception,
    // a signed-in worker's copy of the page code, sets its own (see serveWeb in server.ts).
    if (!reply.hasHeader('Cache-Control')) reply.header('Cache-Control', 'no-store');
    return payload;
  });
}
