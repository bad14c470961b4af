/**
 * The k-anonymised microdata export: one row per case, in fields named after the Counter
 * Trafficking Data Collaborative's global dataset (built on the Human Trafficking Case Data
 * Standard), where every row is identical to at least k − 1 others. Every field is treated as a
 * quasi-identifier; fields are coarsened for everyone, one step at a time, and the few rows still
 * in groups smaller than k are left out. Pure: the caller reads the fact rows.
 */
import type { CaseFact } from '../cases/index.js';

/** The parts of a case's de-identified fact the microdata is made from. */
export type FactRecord = Pick<
  CaseFact,
  'year' | 'province' | 'ageBand' | 'gender' | 'citizenshipRegion' | 'exploitation' | 'sector' | 'cameThrough'
>;

export const microdataFields = [
  'yearOfRegistration',
  'provinceOfRegistration',
  'ageBroad',
  'majorityStatus',
  'gender',
  'citizenshipRegion',
  'isForcedLabour',
  'isSexualExploit',
  'isOtherExploit',
  'typeOfLabour',
  'referredBy',
] as const;
export type MicroRow = Record<(typeof microdataFields)[number], string>;

/** The CTDC's level: a row shared by fewer than 11 cases is not released. */
export const DEFAULT_K = 11;

const regions: Record<string, string> = {
  NB: 'atlantic',
  NL: 'atlantic',
  NS: 'atlantic',
  PE: 'atlantic',
  QC: 'central',
  ON: 'central',
  MB: 'prairies',
  SK: 'prairies',
  AB: 'prairies',
  BC: 'west',
  YT: 'north',
  NT: 'north',
  NU: 'north',
};

/** Not released for these rows: coarsened away to keep groups at k or more. */
const WITHHELD = '';

const majority = (band: string) => (band === 'unknown' ? 'unknown' : band === 'under-18' ? 'minor' : 'adult');

function rowOf(record: FactRecord): MicroRow {
  const flag = (form: string) => (record.exploitation.includes(form) ? '1' : '0');
  return {
    yearOfRegistration: String(record.year),
    provinceOfRegistration: record.province,
    ageBroad: record.ageBand,
    majorityStatus: majority(record.ageBand),
    gender: record.gender,
    citizenshipRegion: record.citizenshipRegion,
    isForcedLabour: flag('labour'),
    isSexualExploit: flag('sexual'),
    isOtherExploit: flag('other'),
    typeOfLabour: record.exploitation.includes('labour') ? record.sector : WITHHELD,
    referredBy: record.cameThrough,
  };
}

/** The coarsening steps, least useful detail first. */
const steps: Array<{ name: string; apply: (row: MicroRow) => MicroRow }> = [
  { name: 'referredBy withheld', apply: (row) => ({ ...row, referredBy: WITHHELD }) },
  { name: 'typeOfLabour withheld', apply: (row) => ({ ...row, typeOfLabour: WITHHELD }) },
  { name: 'citizenshipRegion withheld', apply: (row) => ({ ...row, citizenshipRegion: WITHHELD }) },
  { name: 'ageBroad withheld (majorityStatus kept)', apply: (row) => ({ ...row, ageBroad: WITHHELD }) },
  {
    name: 'province as region',
    apply: (row) => ({ ...row, provinceOfRegistration: regions[row.provinceOfRegistration] ?? row.provinceOfRegistration }),
  },
  {
    name: 'year as five-year period',
    apply: (row) => {
      const year = Number(row.yearOfRegistration.slice(0, 4));
      const from = year - (year % 5);
      return { ...row, yearOfRegistration: `${from}-${from + 4}` };
    },
  },
  { name: 'gender withheld', apply: (row) => ({ ...row, gender: WITHHELD }) },
];

const keyOf = (row: MicroRow) => microdataFields.map((field) => row[field]).join('\u0001');

function smallGroups(rows: MicroRow[], k: number): Set<string> {
  const sizes = new Map<string, number>();
  for (const row of rows) sizes.set(keyOf(row), (sizes.get(keyOf(row)) ?? 0) + 1);
  return new Set([...sizes].filter(([, size]) => size < k).map(([key]) => key));
}

/**
 * Coarsens until at most `maxLeftOut` of the rows (5% by default) sit in groups smaller than k,
 * then leaves those rows out. What was coarsened is said, so a reader knows what the fields mean.
 */
export function kAnonymise(records: FactRecord[], k = DEFAULT_K, maxLeftOut = 0.05) {
  let rows = records.map(rowOf);
  const applied: string[] = [];
  for (const step of steps) {
    const small = smallGroups(rows, k);
    if (rows.filter((row) => small.has(keyOf(row))).length <= maxLeftOut * rows.length) break;
    rows = rows.map(step.apply);
    applied.push(step.name);
  }
  const small = smallGroups(rows, k);
  const kept = rows.filter((row) => !small.has(keyOf(row)));
  // Rows are shuffled into a stable order that says nothing about when cases were opened.
  kept.sort((a, b) => keyOf(a).localeCompare(keyOf(b)));
  return { rows: kept, coarsened: applied, leftOut: rows.length - kept.length, k };
}
