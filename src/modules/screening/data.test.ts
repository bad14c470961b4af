import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/project.js';
import { DataFileError, loadScreeningData } from './data.js';

/** A copy of data/ to break one file at a time. */
function copyOfData(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'harbour-data-'));
  fs.cpSync(path.join(projectRoot(), 'data'), path.join(root, 'data'), { recursive: true });
  return root;
}

function edit(root: string, file: string, change: (json: Record<string, unknown>) => void) {
  const full = path.join(root, 'data', file);
  const json = JSON.parse(fs.readFileSync(full, 'utf8'));
  change(json);
  fs.writeFileSync(full, JSON.stringify(json));
}

describe('the identification aid data files', () => {
  it('load with every reference resolved', () => {
    const data = loadScreeningData();
    expect(data.lists.map((list) => list.id)).toEqual(['ilo-2009-adult-labour', 'ilo-2009-child-labour']);
    expect(data.spectrum.levels.map((level) => level.id)).toEqual(['employment_standards', 'human_rights', 'criminal_code', 'trafficking']);
  });

  it('pick up a new list file without a code change', () => {
    const root = copyOfData();
    fs.writeFileSync(
      path.join(root, 'data/indicators/lists/test-sexual.json'),
      JSON.stringify({ id: 'test-sexual', extends: 'ilo-2009-adult-labour', exploitation: 'sexual', title: { en: 'Test', fr: 'Essai' } }),
    );
    expect(loadScreeningData(root).lists.map((list) => list.id)).toContain('test-sexual');
  });

  it.each([
    [
      'lists/ilo-2009-adult-labour.json',
      (j: Record<string, unknown>) => ((j.indicators as Array<Record<string, unknown>>)[0]!.strength = 'huge'),
      /indicators\.0\.strength/,
    ],
    [
      'lists/ilo-2009-adult-labour.json',
      (j: Record<string, unknown>) => ((j.indicators as Array<Record<string, unknown>>)[3]!.dimension = 'nowhere'),
      /indicator DR4: unknown dimension nowhere/,
    ],
    ['lists/ilo-2009-child-labour.json', (j: Record<string, unknown>) => (j.extends = 'missing-list'), /extends unknown list missing-list/],
    [
      'spectrum.json',
      (j: Record<string, unknown>) => (j.levels as Array<{ indicators: string[] }>)[0]!.indicators.push('ZZ9'),
      /unknown indicator ZZ9/,
    ],
    [
      'spectrum.json',
      (j: Record<string, unknown>) =>
        (j.levels as Array<{ remedies: Array<{ categories: string[] }> }>)[0]!.remedies[0]!.categories.push('astrology'),
      /unknown category astrology/,
    ],
  ])('refuse a broken %s, naming what is wrong', (file, change, message) => {
    const root = copyOfData();
    edit(root, `indicators/${file}`, change);
    expect(() => loadScreeningData(root)).toThrow(DataFileError);
    expect(() => loadScreeningData(root)).toThrow(message);
  });
});
