/** Rows grouped by a value of theirs, one pass, so a large package is not scanned once per parent. */
export function groupBy<T, K>(rows: Iterable<T>, keyOf: (row: T) => K): Map<K, T[]> {
  const groups = new Map<K, T[]>();
  for (const row of rows) {
    const key = keyOf(row);
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return groups;
}

/** groupBy per table and column, computed the first time each is asked for. */
export function groupsOnce<T, K>(rowsOf: (table: string) => T[], cell: (row: T, column: string) => K) {
  const cache = new Map<string, Map<K, T[]>>();
  return (table: string, column: string): Map<K, T[]> => {
    const key = `${table}.${column}`;
    let groups = cache.get(key);
    if (!groups) {
      groups = groupBy(rowsOf(table), (row) => cell(row, column));
      cache.set(key, groups);
    }
    return groups;
  };
}
