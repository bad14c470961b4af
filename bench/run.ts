/** Every benchmark, one after the other: `npm run bench`. Figures go to docs/benchmarks.md by hand, with the machine. */
await import('./foundation.js');
await import('./directory.js');
await import('./cases.js');
await import('./statistics.js');
