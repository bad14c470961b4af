import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

describe('configuration', () => {
  it('has sensible defaults', () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.HARBOUR_MFA).toBe('required');
    expect(config.secureCookies).toBe(false);
    expect(config.dataDir.endsWith('.harbour')).toBe(true);
  });

  it.each([
    [{ PORT: 'eighty' }, 'PORT'],
    [{ HARBOUR_MFA: 'sometimes' }, 'HARBOUR_MFA'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL'],
    [{ HARBOUR_MASTER_KEY: 'short' }, 'HARBOUR_MASTER_KEY'],
    [{ HARBOUR_SESSION_IDLE_MINUTES: '0' }, 'HARBOUR_SESSION_IDLE_MINUTES'],
  ])('refuses %o naming the setting', (env, name) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(new RegExp(`^configuration: ${name}:`));
  });

  it('reads the mail receiver’s certificate and key, both or neither, and names what is wrong with them', () => {
    const tls = path.resolve('test', 'fixtures', 'tls');
    const [cert, key] = [path.join(tls, 'test-only-cert.pem'), path.join(tls, 'test-only-key.pem')];
    expect(loadConfig({}).mailTls).toBeUndefined();
    const loaded = loadConfig({ HARBOUR_MAIL_TLS_CERT: cert, HARBOUR_MAIL_TLS_KEY: key }).mailTls;
    expect(loaded?.cert).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(loaded?.key).toMatch(/^-----BEGIN PRIVATE KEY-----/);
    const refusals: Array<[Record<string, string>, string]> = [
      [{ HARBOUR_MAIL_TLS_CERT: cert }, 'configuration: HARBOUR_MAIL_TLS_KEY: needed with HARBOUR_MAIL_TLS_CERT (both or neither)'],
      [{ HARBOUR_MAIL_TLS_KEY: key }, 'configuration: HARBOUR_MAIL_TLS_CERT: needed with HARBOUR_MAIL_TLS_KEY (both or neither)'],
      [
        { HARBOUR_MAIL_TLS_CERT: '/nowhere/cert.pem', HARBOUR_MAIL_TLS_KEY: key },
        'configuration: HARBOUR_MAIL_TLS_CERT: cannot read /nowhere/cert.pem (ENOENT)',
      ],
      [{ HARBOUR_MAIL_TLS_CERT: key, HARBOUR_MAIL_TLS_KEY: key }, `configuration: HARBOUR_MAIL_TLS_CERT: ${key} is not a PEM certificate`],
      [
        { HARBOUR_MAIL_TLS_CERT: cert, HARBOUR_MAIL_TLS_KEY: cert },
        `configuration: HARBOUR_MAIL_TLS_KEY: ${cert} is not a PEM private key`,
      ],
    ];
    for (const [env, message] of refusals) expect(() => loadConfig(env)).toThrow(new ConfigError(message));
  });

  it('turns on secure cookies for an https address', () => {
    expect(loadConfig({ HARBOUR_PUBLIC_URL: 'https://harbour.example' }).secureCookies).toBe(true);
  });
});
