import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/project.js';
import { vocabularies as directoryVocabularies } from '../directory/index.js';

export interface Term {
  id: string;
  en: string;
  fr: string;
}

export interface LibraryVocabulary {
  categories: Term[];
  kinds: Term[];
  audiences: Term[];
}

let loaded: LibraryVocabulary | undefined;

/** Categories, kinds and audiences of the tools library, from data/library/vocabulary.json, read once. */
export function vocabulary(): LibraryVocabulary {
  loaded ??= JSON.parse(fs.readFileSync(path.join(projectRoot(), 'data', 'library', 'vocabulary.json'), 'utf8')) as LibraryVocabulary;
  return loaded;
}

/** The library files resources under the directory's languages, so "Tagalog" means one thing. */
export const languageIds = () => directoryVocabularies().languages.map((language) => language.id);
