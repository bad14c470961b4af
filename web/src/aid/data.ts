import spectrumFile from '../../../data/indicators/spectrum.json';
import taxonomy from '../../../data/taxonomy/service-categories.json';
import { type IndicatorListFile, resolveLists, type Spectrum } from '../../../src/modules/screening/rule';

/**
 * The indicator lists, the spectrum and the directory categories are bundled into the page, so
 * the aid runs with nothing sent. A new list file in data/indicators/lists appears here at the
 * next build, without a code change. The server checks the same files at start.
 */
const files = import.meta.glob<IndicatorListFile>('../../../data/indicators/lists/*.json', { eager: true, import: 'default' });

export const lists = resolveLists(Object.values(files)).sort((a, b) => a.id.localeCompare(b.id));
export const spectrum = spectrumFile as Spectrum;
export const categories = new Map(taxonomy.categories.map((category) => [category.id, category]));
