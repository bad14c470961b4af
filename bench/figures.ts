/** One figure a line: its name padded to `width`, then its value. */
export const say = (name: string, value: string, width = 64) => process.stdout.write(`${name.padEnd(width)} ${value}\n`);
