/**
 * The rights pages' weight as a visitor's phone receives it, for every page of every language:
 * the page with its style sheet and script (gzip and brotli), and the font files its text needs
 * on first view (the WOFF2 pieces whose Unicode ranges hold a character of the page), and how
 * long the server takes to make a page.
 *
 *   npx tsx bench/rights.ts
 */
import zlib from 'node:zlib';
import { rightsContent } from '../src/modules/rights/content.js';
import { fontCss, fontFile } from '../src/modules/rights/fonts.js';
import { buildApp } from '../src/server.js';
import { openTestDb, testDeps } from '../test/support/db.js';
import { say } from './engines.js';
import { percentile } from './figures.js';

const db = await openTestDb('embedded');
const app = await buildApp(testDeps(db), { webDir: '/nonexistent' });
const get = async (url: string) => (await app.inject({ method: 'GET', url })).rawPayload;
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const asset = Buffer.concat([await get('/rights/assets/rights.css'), await get('/rights/assets/exit.js')]);
const assetGzip = zlib.gzipSync(await get('/rights/assets/rights.css')).length + zlib.gzipSync(await get('/rights/assets/exit.js')).length;
const assetBrotli =
  zlib.brotliCompressSync(await get('/rights/assets/rights.css')).length +
  zlib.brotliCompressSync(await get('/rights/assets/exit.js')).length;

/** The WOFF2 files a text needs from a font's style sheet: those whose unicode-range holds one of its characters. */
function fontBytesFor(font: Parameters<typeof fontCss>[0], text: string) {
  const points = new Set([...text].map((c) => c.codePointAt(0) as number));
  let bytes = 0;
  for (const face of fontCss(font).split('@font-face').slice(1)) {
    const file = /url\(\/rights\/fonts\/[^/]+\/([^)]+)\)/.exec(face)?.[1];
    const ranges = /unicode-range: ([^;]+);/.exec(face)?.[1]?.split(',') ?? [];
    const covered = ranges.some((range) => {
      const [from, to] = range
        .trim()
        .slice(2)
        .split('-')
        .map((hex) => Number.parseInt(hex, 16)) as [number, number | undefined];
      return [...points].some((p) => p >= from && p <= (to ?? from));
    });
    if (file && covered) bytes += fontFile(font, file)?.length ?? 0;
  }
  return bytes;
}

const { languages, topics } = rightsContent();
say('rights pages: style sheet and script, gzip / brotli', `${kb(assetGzip)} / ${kb(assetBrotli)} (${kb(asset.length)} raw)`);
for (const language of languages) {
  const gzip: number[] = [];
  const brotli: number[] = [];
  const fonts: number[] = [];
  const times: number[] = [];
  for (const topic of topics) {
    const start = performance.now();
    const html = await get(`/rights/${language.code}/${topic}`);
    times.push(performance.now() - start);
    gzip.push(zlib.gzipSync(html).length + assetGzip);
    brotli.push(zlib.brotliCompressSync(html).length + assetBrotli);
    const text = html.toString('utf8').replace(/<[^>]+>/g, ' ');
    fonts.push(fontBytesFor(language.font, text));
  }
  say(
    `rights ${language.code.padEnd(7)} heaviest page + css + js, gzip / brotli`,
    `${kb(Math.max(...gzip))} / ${kb(Math.max(...brotli))}; fonts on first view ${kb(Math.max(...fonts))}; made in ${percentile(times, 50).toFixed(1)} ms (median)`,
    56,
  );
}
await app.close();
await db.close();
