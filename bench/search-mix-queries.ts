/** The searches people make, as the search benchmarks time them: each a query string of /api/directory/search. */
export const mix: Record<string, Record<string, string>> = {
  'words near a big city': { q: 'legal aid', near: 'Toronto', radiusKm: '50' },
  French: { q: 'hébergement femmes', near: 'Montréal', radiusKm: '50' },
  misspelling: { q: 'clinique juridque', near: 'Montréal', radiusKm: '50' },
  'filters only': { category: 'safe-housing', population: 'women', province: 'BC' },
  'postal prefix': { q: 'counselling', near: 'H2X', radiusKm: '25' },
  'words, category, language': { q: 'workers centre', category: 'labour-rights', language: 'es', near: 'Calgary', radiusKm: '50' },
};
