/** One figure a line: its name padded to `width`, then its value. */
export const say = (name: string, value: string, width = 64) => process.stdout.write(`${name.padEnd(width)} ${value}\n`);

/** The value at percentile `p` (0–100) of `values`, nearest rank. */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;
};
