/**
 * Disclosure control for every figure that leaves the database: the one place that decides what a
 * count table may show. Pure functions, no database, tested on their own (disclosure.test.ts).
 *
 * 1. Primary suppression: a cell, a margin or the total below the threshold (and above zero) is
 *    hidden.
 * 2. Complementary suppression: more cells are hidden until no hidden one can be worked out from
 *    what is shown. Row sums, column sums and the total are linear equations over the table; a
 *    hidden value is safe when those equations leave it free, that is when its column in the
 *    equations (restricted to the hidden positions) lies in the span of the other hidden
 *    positions' columns. Then it can move while every shown figure stays the same.
 * 3. Optionally, calibrated noise first (the two-sided geometric mechanism, ε-differential
 *    privacy), with totals recomputed from the noisy cells so the table stays consistent.
 */

export interface CountTable {
  rows: string[];
  cols: string[];
  /** true counts, cells[row][col] */
  cells: number[][];
  /** publish a total for each row (ignored when there is a single column: it would be the cell) */
  rowTotals: boolean;
  /** publish a total for each column (ignored when there is a single row) */
  colTotals: boolean;
}

export interface ProtectedTable {
  rows: string[];
  cols: string[];
  /** null where hidden */
  cells: Array<Array<number | null>>;
  rowTotals: Array<number | null> | null;
  colTotals: Array<number | null> | null;
  total: number | null;
  suppressed: number;
}

/** The smallest threshold anyone may configure: below it, counts identify people too easily. */
export const MIN_THRESHOLD = 5;

type Position =
  | { kind: 'cell'; row: number; col: number }
  | { kind: 'rowTotal'; row: number }
  | { kind: 'colTotal'; col: number }
  | { kind: 'total' };

interface Layout {
  positions: Position[];
  values: number[];
  lines: Array<Map<number, number>>;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

function layoutOf(table: CountTable): Layout {
  const rowTotals = table.rowTotals && table.cols.length > 1;
  const colTotals = table.colTotals && table.rows.length > 1;
  const positions: Position[] = [];
  const values: number[] = [];
  const index = new Map<string, number>();
  const add = (key: string, position: Position, value: number) => {
    index.set(key, positions.length);
    positions.push(position);
    values.push(value);
  };
  table.rows.forEach((_, row) => {
    table.cols.forEach((_, col) => {
      add(`${row}:${col}`, { kind: 'cell', row, col }, table.cells[row]?.[col] ?? 0);
    });
  });
  const rowSums = table.rows.map((_, row) => sum(table.cells[row] ?? []));
  const colSums = table.cols.map((_, col) => sum(table.rows.map((__, row) => table.cells[row]?.[col] ?? 0)));
  if (rowTotals) for (const [row, value] of rowSums.entries()) add(`${row}:T`, { kind: 'rowTotal', row }, value);
  if (colTotals) for (const [col, value] of colSums.entries()) add(`T:${col}`, { kind: 'colTotal', col }, value);
  add('T:T', { kind: 'total' }, sum(rowSums));

  // Each published sum is an equation: its parts minus the sum make zero.
  const at = (key: string) => index.get(key) as number;
  const lines: Array<Map<number, number>> = [];
  const line = (parts: string[], whole: string) => {
    lines.push(new Map([...parts.map((p) => [at(p), 1] as const), [at(whole), -1]]));
  };
  if (rowTotals)
    for (const row of table.rows.keys()) {
      line(
        table.cols.map((_, col) => `${row}:${col}`),
        `${row}:T`,
      );
    }
  if (colTotals)
    for (const col of table.cols.keys()) {
      line(
        table.rows.map((_, row) => `${row}:${col}`),
        `T:${col}`,
      );
    }
  if (colTotals)
    line(
      table.cols.map((_, col) => `T:${col}`),
      'T:T',
    );
  if (rowTotals)
    line(
      table.rows.map((_, row) => `${row}:T`),
      'T:T',
    );
  if (!rowTotals && !colTotals)
    line(
      table.rows.flatMap((_, row) => table.cols.map((__, col) => `${row}:${col}`)),
      'T:T',
    );
  return { positions, values, lines };
}

/** Rank of the equations restricted to some positions (Gaussian elimination; entries are small integers). */
function rank(lines: Array<Map<number, number>>, columns: number[]): number {
  const matrix = lines.map((line) => columns.map((column) => line.get(column) ?? 0)).filter((row) => row.some((v) => v !== 0));
  let found = 0;
  for (let col = 0; col < columns.length && found < matrix.length; col++) {
    const pivot = matrix.findIndex((row, i) => i >= found && Math.abs(row[col] as number) > 1e-9);
    if (pivot < 0) continue;
    [matrix[found], matrix[pivot]] = [matrix[pivot] as number[], matrix[found] as number[]];
    const top = matrix[found] as number[];
    for (let i = 0; i < matrix.length; i++) {
      const row = matrix[i] as number[];
      if (i === found || Math.abs(row[col] as number) < 1e-9) continue;
      const factor = (row[col] as number) / (top[col] as number);
      for (let j = col; j < columns.length; j++) row[j] = (row[j] as number) - factor * (top[j] as number);
    }
    found++;
  }
  return found;
}

/** A hidden position can be worked out from what is shown unless the equations leave it free. */
function exposedAmong(layout: Layout, hidden: Set<number>): number | undefined {
  const all = [...hidden];
  const full = rank(layout.lines, all);
  return all.find(
    (position) =>
      rank(
        layout.lines,
        all.filter((p) => p !== position),
      ) < full,
  );
}

/** Where a position sits in the table with its margins: the row and column totals are one more row and column. */
function gridOf(layout: Layout, rows: number, cols: number): Map<string, number> {
  const grid = new Map<string, number>();
  layout.positions.forEach((p, index) => {
    const at =
      p.kind === 'cell' ? [p.row, p.col] : p.kind === 'rowTotal' ? [p.row, cols] : p.kind === 'colTotal' ? [rows, p.col] : [rows, cols];
    grid.set(`${at[0]}:${at[1]}`, index);
  });
  return grid;
}

/** The cost of hiding a figure: small inner cells first; margins and zeros only when nothing else does. */
const cost = (layout: Layout, hidden: Set<number>, position: number) =>
  hidden.has(position)
    ? 0
    : (layout.values[position] as number) +
      (layout.values[position] === 0 ? 1000 : 0) +
      (layout.positions[position]?.kind === 'cell' ? 0 : 500);

/**
 * The cheapest rectangle through an exposed figure: three more positions such that adding one to
 * two opposite corners and taking one from the other two changes no shown sum.
 */
function rectangleFor(layout: Layout, hidden: Set<number>, exposed: number): number[] | undefined {
  const rows = Math.max(...layout.positions.map((p) => (p.kind === 'cell' ? p.row : -1))) + 1;
  const cols = Math.max(...layout.positions.map((p) => (p.kind === 'cell' ? p.col : -1))) + 1;
  const grid = gridOf(layout, rows, cols);
  const where = [...grid.entries()]
    .find(([, index]) => index === exposed)?.[0]
    .split(':')
    .map(Number) as [number, number];
  let best: { corners: number[]; cost: number } | undefined;
  for (let r = 0; r <= rows; r++) {
    for (let c = 0; c <= cols; c++) {
      if (r === where[0] || c === where[1]) continue;
      const corners = [grid.get(`${where[0]}:${c}`), grid.get(`${r}:${where[1]}`), grid.get(`${r}:${c}`)];
      if (corners.some((corner) => corner === undefined)) continue;
      const total = (corners as number[]).reduce((s, corner) => s + cost(layout, hidden, corner), 0);
      if (!best || total < best.cost) best = { corners: corners as number[], cost: total };
    }
  }
  if (!best) return undefined;
  const added = best.corners.filter((corner) => !hidden.has(corner));
  return added.length > 0 && exposedAmong(layout, new Set([...hidden, ...added])) !== exposed ? added : undefined;
}

/** For a table without a second dimension of sums (a one-way table): the cheapest figure sharing a sum with it. */
function neighbourFor(layout: Layout, hidden: Set<number>, exposed: number): number[] {
  const near = [...new Set(layout.lines.filter((line) => line.has(exposed)).flatMap((line) => [...line.keys()]))].filter(
    (p) => !hidden.has(p),
  );
  near.sort((a, b) => cost(layout, hidden, a) - cost(layout, hidden, b) || a - b);
  return near.length > 0 ? [near[0] as number] : [];
}

/** Hides small figures, then enough others that no hidden figure follows from the shown ones. */
export function protect(table: CountTable, threshold: number): ProtectedTable {
  if (!(threshold >= MIN_THRESHOLD)) throw new Error(`the disclosure threshold must be at least ${MIN_THRESHOLD}`);
  const layout = layoutOf(table);
  const hidden = new Set(layout.values.flatMap((value, position) => (value > 0 && value < threshold ? [position] : [])));

  for (let exposed = exposedAmong(layout, hidden); exposed !== undefined; exposed = exposedAmong(layout, hidden)) {
    const partners = rectangleFor(layout, hidden, exposed) ?? neighbourFor(layout, hidden, exposed);
    if (partners.length === 0) {
      // Nothing left to hide beside it: hide the whole table rather than show a recoverable figure.
      for (const position of layout.values.keys()) hidden.add(position);
      break;
    }
    for (const partner of partners) hidden.add(partner);
  }

  const shown = (position: number) => (hidden.has(position) ? null : (layout.values[position] as number));
  const find = (test: (p: Position) => boolean) => layout.positions.findIndex(test);
  const cells = table.rows.map((_, row) =>
    table.cols.map((__, col) => shown(find((p) => p.kind === 'cell' && p.row === row && p.col === col))),
  );
  const rowIndex = table.rows.map((_, row) => find((p) => p.kind === 'rowTotal' && p.row === row));
  const colIndex = table.cols.map((_, col) => find((p) => p.kind === 'colTotal' && p.col === col));
  return {
    rows: table.rows,
    cols: table.cols,
    cells,
    rowTotals: rowIndex.every((i) => i >= 0) && rowIndex.length > 0 ? rowIndex.map(shown) : null,
    colTotals: colIndex.every((i) => i >= 0) && colIndex.length > 0 ? colIndex.map(shown) : null,
    total: shown(find((p) => p.kind === 'total')),
    suppressed: hidden.size,
  };
}

/**
 * A draw of the two-sided geometric distribution: the discrete Laplace noise that gives
 * ε-differential privacy to a count whose one person can change it by at most `sensitivity`.
 */
export function geometricNoise(epsilon: number, sensitivity: number, random: () => number): number {
  const alpha = Math.exp(-epsilon / sensitivity);
  const draw = () => Math.floor(Math.log(1 - random()) / Math.log(alpha));
  return draw() - draw();
}

/** The table with noise on every cell (never below zero); its totals then follow from the noisy cells. */
export function withNoise(table: CountTable, epsilon: number, sensitivity: number, random: () => number = Math.random): CountTable {
  if (!(epsilon > 0)) throw new Error('epsilon must be above zero');
  return {
    ...table,
    cells: table.cells.map((row) => row.map((value) => Math.max(0, value + geometricNoise(epsilon, sensitivity, random)))),
  };
}
