import spectrumFile from '../../../data/indicators/spectrum.json';
import { type IndicatorListFile, resolveLists, type Spectrum } from '../../../src/modules/screening/rule';

/**
 * The indicator lists and the spectrum are bundled into the page, so
 * the aid runs with nothing sent. A new list file in data/indicators/lists appears here at the
 * next build, without a code change. The server checks the same files at start.
 */
const files = import.meta.glob<IndicatorListFile>('../../../data/indicators/lists/*.json', { eager: true, import: 'default' });

export const lists = resolveLists(Object.values(files)).sort((a, b) => a.id.localeCompare(b.id));
export const spectrum = spectrumFile as Spectrum;
