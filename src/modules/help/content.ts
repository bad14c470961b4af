/**
 * The help form's words, one file per language of the rights pages (data/help/<code>.json),
 * read and checked once: a file that does not fit names the file and the field.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/project.js';
import { rightsContent } from '../rights/index.js';
import { type HelpWords, helpWords } from './words.js';

export { type HelpWords, needs } from './words.js';

export function loadHelpWords(dir = path.join(projectRoot(), 'data', 'help')): Map<string, HelpWords> {
  const all = new Map<string, HelpWords>();
  for (const language of rightsContent().languages) {
    const file = path.join(dir, `${language.code}.json`);
    if (!fs.existsSync(file))
      throw new Error(`${path.relative(projectRoot(), file)}: missing (every language of the rights pages has the help form)`);
    const parsed = helpWords.safeParse(JSON.parse(fs.readFileSync(file, 'utf8')));
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new Error(`${path.relative(projectRoot(), file)}: ${issue?.path.join('.') || '(file)'}: ${issue?.message}`);
    }
    all.set(language.code, parsed.data);
  }
  return all;
}

let loaded: Map<string, HelpWords> | undefined;
export function helpContent(): Map<string, HelpWords> {
  loaded ??= loadHelpWords();
  return loaded;
}
