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

  it('turns on secure cookies for an https address', () => {
    expect(loadConfig({ HARBOUR_PUBLIC_URL: 'https://harbour.example' }).secureCookies).toBe(true);
  });
});
