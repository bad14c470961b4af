/** Every benchmark, one after the other: `npm run bench`. Figures go to docs/benchmarks.md by hand, with the machine. */
await import('./embedded.js');
await import('./foundation.js');
await import('./directory.js');
await import('./search-mix.js');
await import('./search-plans.js');
await import('./cases.js');
await import('./statistics.js');
await import('./rights.js');
await import('./help.js');
// About ten minutes: BENCH_CYCLES=20 for a shorter run.
await import('./durability.js');
