import { describe, expect, it } from 'vitest';
import { type CountTable, geometricNoise, MIN_THRESHOLD, type ProtectedTable, protect, withNoise } from './disclosure.js';

/** A seeded random source, so a failing table can be reproduced. */
function seeded(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * The attacker: knows the table's shape and every shown figure, and searches every table of
 * non-negative whole counts that agrees with them. A hidden figure is recovered when only one
 * value of it is possible. Returns the hidden positions that were recovered.
 */
function recoverable(shown: ProtectedTable, bound: number): string[] {
  type Unknown = { key: string };
  const unknowns: Unknown[] = [];
  const value = new Map<string, number | null>();
  const put = (key: string, v: number | null) => {
    value.set(key, v);
    if (v === null) unknowns.push({ key });
  };
  for (const r of shown.rows.keys()) for (const c of shown.cols.keys()) put(`${r}:${c}`, shown.cells[r]?.[c] ?? null);
  for (const [r, v] of (shown.rowTotals ?? []).entries()) put(`${r}:T`, v);
  for (const [c, v] of (shown.colTotals ?? []).entries()) put(`T:${c}`, v);
  put('T:T', shown.total);
  const equations: Array<{ parts: string[]; whole: string }> = [];
  if (shown.rowTotals) for (const r of shown.rows.keys()) equations.push({ parts: shown.cols.map((_, c) => `${r}:${c}`), whole: `${r}:T` });
  if (shown.colTotals) for (const c of shown.cols.keys()) equations.push({ parts: shown.rows.map((_, r) => `${r}:${c}`), whole: `T:${c}` });
  if (shown.colTotals) equations.push({ parts: shown.cols.map((_, c) => `T:${c}`), whole: 'T:T' });
  if (shown.rowTotals) equations.push({ parts: shown.rows.map((_, r) => `${r}:T`), whole: 'T:T' });
  if (!shown.rowTotals && !shown.colTotals)
    equations.push({ parts: shown.rows.flatMap((_, r) => shown.cols.map((__, c) => `${r}:${c}`)), whole: 'T:T' });

  const seen = new Map<string, Set<number>>(unknowns.map((u) => [u.key, new Set<number>()]));
  const assigned = new Map<string, number>();
  const get = (key: string): number | undefined =>
    (value.get(key) ?? undefined) === undefined || value.get(key) === null ? assigned.get(key) : (value.get(key) as number);
  /** Every equation still possible; those with one unknown left decide it. Undefined when one fails. */
  const propagate = (forced: string[]): boolean => {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { parts, whole } of equations) {
        const keys = [...parts, whole];
        const open = keys.filter((k) => get(k) === undefined);
        const partSum = parts.reduce((s, k) => s + (get(k) ?? 0), 0);
        const w = get(whole);
        if (open.length === 0) {
          if (partSum !== w) return false;
        } else if (open.length === 1) {
          const key = open[0] as string;
          const v = key === whole ? partSum : (w as number) - partSum;
          if (v < 0 || v > bound) return false;
          assigned.set(key, v);
          forced.push(key);
          changed = true;
        } else if (w !== undefined && partSum > w) return false;
      }
    }
    return true;
  };
  let steps = 0;
  const done = () => [...seen.values()].every((values) => values.size >= 2);
  const search = (): void => {
    if (done() || steps++ > 2_000_000) return;
    const forced: string[] = [];
    if (propagate(forced)) {
      const next = unknowns.find((u) => get(u.key) === undefined);
      if (!next) for (const { key } of unknowns) seen.get(key)?.add(assigned.get(key) as number);
      else
        for (let v = 0; v <= bound && !done(); v++) {
          assigned.set(next.key, v);
          search();
          assigned.delete(next.key);
        }
    }
    for (const key of forced) assigned.delete(key);
  };
  search();
  expect(steps, 'the search finished').toBeLessThan(2_000_000);
  return [...seen.entries()].filter(([, values]) => values.size < 2).map(([key]) => key);
}

describe('disclosure control', () => {
  it('hides a small cell and enough others that row and column totals do not give it back', () => {
    const table: CountTable = {
      rows: ['ON', 'QC', 'BC'],
      cols: ['labour', 'sexual', 'other'],
      cells: [
        [40, 3, 25],
        [30, 22, 18],
        [28, 19, 33],
      ],
      rowTotals: true,
      colTotals: true,
    };
    const shown = protect(table, 10);
    expect(shown.cells[0]?.[1]).toBeNull();
    expect(shown.rowTotals).toEqual([68, 70, 80]);
    expect(shown.total).toBe(218);
    expect(shown.suppressed).toBeGreaterThanOrEqual(4);
    expect(recoverable(shown, 218)).toEqual([]);
  });

  it('never lets a hidden figure be worked out, over many random tables with small counts', () => {
    const random = seeded(7);
    for (let trial = 0; trial < 150; trial++) {
      const rows = 2 + Math.floor(random() * 3);
      const cols = 2 + Math.floor(random() * 3);
      const cells = Array.from({ length: rows }, () => Array.from({ length: cols }, () => Math.floor(random() * 16)));
      const table: CountTable = {
        rows: Array.from({ length: rows }, (_, i) => `r${i}`),
        cols: Array.from({ length: cols }, (_, i) => `c${i}`),
        cells,
        rowTotals: random() < 0.7,
        colTotals: random() < 0.7,
      };
      const shown = protect(table, 5);
      const total = cells.flat().reduce((a, b) => a + b, 0);
      expect(recoverable(shown, total), JSON.stringify(table)).toEqual([]);
      // What is shown is true.
      for (const [r, row] of shown.cells.entries()) for (const [c, v] of row.entries()) if (v !== null) expect(v).toBe(cells[r]?.[c]);
    }
  });

  it('has an attacker that does find a figure hidden alone (so the tests above can fail)', () => {
    const naive: ProtectedTable = {
      rows: ['a', 'b'],
      cols: ['x', 'y'],
      cells: [
        [null, 20],
        [15, 30],
      ],
      rowTotals: [23, 45],
      colTotals: [18, 50],
      total: 68,
      suppressed: 1,
    };
    expect(recoverable(naive, 68)).toEqual(['0:0']);
  });

  it('hides two figures at least in a one-way table, so the total does not give one back', () => {
    const shown = protect(
      { rows: ['a', 'b', 'c', 'd'], cols: ['count'], cells: [[50], [4], [30], [22]], rowTotals: true, colTotals: true },
      10,
    );
    expect(shown.rowTotals).toBeNull();
    expect(shown.cells.flat().filter((v) => v === null)).toHaveLength(2);
    expect(shown.cells.flat()).toContain(50);
    expect(recoverable(shown, 106)).toEqual([]);
  });

  it('hides a whole tiny table, and shows a table with nothing small as it is', () => {
    const tiny = protect(
      {
        rows: ['a', 'b'],
        cols: ['x', 'y'],
        cells: [
          [1, 2],
          [0, 3],
        ],
        rowTotals: true,
        colTotals: true,
      },
      10,
    );
    expect(tiny.total).toBeNull();
    expect(recoverable(tiny, 6)).toEqual([]);
    const large = protect(
      {
        rows: ['a', 'b'],
        cols: ['x', 'y'],
        cells: [
          [12, 20],
          [0, 30],
        ],
        rowTotals: true,
        colTotals: true,
      },
      10,
    );
    expect(large.cells).toEqual([
      [12, 20],
      [0, 30],
    ]);
    expect(large.suppressed).toBe(0);
  });

  it('refuses a threshold below 5', () => {
    expect(MIN_THRESHOLD).toBe(5);
    expect(() => protect({ rows: ['a'], cols: ['b'], cells: [[1]], rowTotals: false, colTotals: false }, 4)).toThrow(/at least 5/);
  });

  it('adds noise centred on zero, smaller as epsilon grows, and never a negative count', () => {
    const random = seeded(11);
    const spread = (epsilon: number) => {
      const draws = Array.from({ length: 4000 }, () => geometricNoise(epsilon, 1, random));
      const mean = draws.reduce((a, b) => a + b, 0) / draws.length;
      const meanAbs = draws.reduce((a, b) => a + Math.abs(b), 0) / draws.length;
      return { mean, meanAbs };
    };
    const loose = spread(0.2);
    const tight = spread(2);
    expect(Math.abs(loose.mean)).toBeLessThan(0.6);
    expect(loose.meanAbs).toBeGreaterThan(tight.meanAbs * 3);
    const noisy = withNoise({ rows: ['a'], cols: ['x', 'y'], cells: [[0, 1]], rowTotals: false, colTotals: false }, 0.1, 1, random);
    expect(noisy.cells.flat().every((v) => v >= 0)).toBe(true);
    expect(() => withNoise({ rows: [], cols: [], cells: [], rowTotals: false, colTotals: false }, 0, 1)).toThrow(/epsilon/);
  });
});
