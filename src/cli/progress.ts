/** A progress bar on standard error for long commands; on a non-terminal, a line every tenth. */
export function progressBar(what: string, total: number, stream: NodeJS.WriteStream = process.stderr): (done: number) => void {
  let lastTenth = -1;
  const started = Date.now();
  return (done) => {
    const fraction = total === 0 ? 1 : done / total;
    const rate = Math.round(done / Math.max((Date.now() - started) / 1000, 0.001));
    if (stream.isTTY) {
      const width = 30;
      const filled = Math.round(fraction * width);
      stream.write(`\r[${'#'.repeat(filled)}${' '.repeat(width - filled)}] ${done}/${total} ${what} (${rate}/s)`);
      if (done >= total) stream.write('\n');
      return;
    }
    const tenth = Math.floor(fraction * 10);
    if (tenth !== lastTenth) {
      lastTenth = tenth;
      stream.write(`${done}/${total} ${what} (${rate}/s)\n`);
    }
  };
}
