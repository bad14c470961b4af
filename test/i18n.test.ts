import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const dir = path.join(import.meta.dirname, '..', 'web', 'src', 'locales');
const catalog = (language: string) => JSON.parse(fs.readFileSync(path.join(dir, `${language}.json`), 'utf8'));

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, child]) => keys(child, prefix ? `${prefix}.${key}` : key));
}

function emptyKeys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return value.trim() ? [] : [prefix];
  return Object.entries(value as object).flatMap(([key, child]) => emptyKeys(child, prefix ? `${prefix}.${key}` : key));
}

describe('the English and French catalogs', () => {
  const en = catalog('en');
  const fr = catalog('fr');

  it('have the same keys', () => {
    const missingInFrench = keys(en).filter((key) => !keys(fr).includes(key));
    const missingInEnglish = keys(fr).filter((key) => !keys(en).includes(key));
    expect({ missingInFrench, missingInEnglish }).toEqual({ missingInFrench: [], missingInEnglish: [] });
  });

  it('have no empty text', () => {
    expect([...emptyKeys(en), ...emptyKeys(fr)]).toEqual([]);
  });

  it('cover every key the web code uses', () => {
    const used = new Set<string>();
    const walk = (folder: string) => {
      for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
        const file = path.join(folder, entry.name);
        if (entry.isDirectory()) walk(file);
        else if (/\.tsx?$/.test(entry.name)) {
          for (const match of fs.readFileSync(file, 'utf8').matchAll(/\bt\('([a-zA-Z]+\.[a-zA-Z.]+)'/g)) used.add(match[1] as string);
        }
      }
    };
    walk(path.join(dir, '..'));
    const known = new Set(keys(en));
    // A key used with a count resolves to its plural forms (key_one, key_other).
    const exists = (key: string) => known.has(key) || (known.has(`${key}_one`) && known.has(`${key}_other`));
    expect([...used].filter((key) => !exists(key))).toEqual([]);
    expect(used.size).toBeGreaterThan(30);
  });
});

describe('failures as people read them', () => {
  it('gives English readers the server message and everyone else the translation of its code, naming the field', async () => {
    const i18next = (await import('i18next')).default;
    await i18next.init({
      resources: { en: { translation: catalog('en') }, fr: { translation: catalog('fr') } },
      lng: 'fr',
      fallbackLng: false,
    });
    const { ApiError, failureText } = await import('../web/src/api/client.js');
    const refused = new ApiError('bad_request', 'email: not an email address', 400);
    expect(failureText(refused)).toBe('Vérifiez ce champ : email.');
    expect(failureText(new ApiError('bad_request', 'name at least one field to change', 400))).toBe(catalog('fr').errors.bad_request);
    expect(failureText(new ApiError('payload_too_large', 'request body is too large', 413))).toBe(catalog('fr').errors.payload_too_large);
    expect(failureText(new Error('network down'))).toBe(catalog('fr').errors.internal);
    await i18next.changeLanguage('en');
    expect(failureText(refused)).toBe('email: not an email address');
  });

  it('has a message in both languages for every error code the API answers with', async () => {
    const { errorStatus } = await import('../src/platform/errors.js');
    for (const language of ['en', 'fr'])
      for (const code of Object.keys(errorStatus)) expect(catalog(language).errors[code], `${language} ${code}`).toBeTruthy();
  });
});
