import { AppError } from '../../platform/errors.js';
import { loadScreeningData, type ScreeningData } from './data.js';
import { assess, placeOnSpectrum } from './rule.js';

let data: ScreeningData | undefined;

/** The data files, read and checked once; a broken file stops Harbour at start. */
export function screeningData(): ScreeningData {
  data ??= loadScreeningData();
  return data;
}

export function listSummaries() {
  return screeningData().lists.map(({ id, title, population, exploitation, confirmed }) => ({
    id,
    title,
    population,
    exploitation,
    confirmed,
  }));
}

export function getList(id: string) {
  const list = screeningData().lists.find((candidate) => candidate.id === id);
  if (!list) throw new AppError('not_found', `no indicator list ${id}`);
  return list;
}

export function getSpectrum() {
  const { spectrum, categories } = screeningData();
  return { ...spectrum, categories: categories.map(({ id, en, fr }) => ({ id, en, fr })) };
}

/** Evaluates ticked indicators; nothing is stored and nothing about the person is received. */
export function evaluate(input: { listId: string; indicators: string[] }) {
  const list = screeningData().lists.find((candidate) => candidate.id === input.listId);
  if (!list) throw new AppError('bad_request', `listId: no indicator list ${input.listId}`);
  const assessment = assess(list, input.indicators);
  if (assessment.unknownIndicators.length > 0) {
    throw new AppError('bad_request', `indicators: not in list ${list.id}: ${assessment.unknownIndicators.join(', ')}`);
  }
  const { unknownIndicators: _none, ...result } = assessment;
  return { ...result, spectrum: placeOnSpectrum(screeningData().spectrum, assessment, input.indicators) };
}
