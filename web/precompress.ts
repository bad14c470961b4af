import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import type { Plugin } from 'vite';

const compressible = /\.(js|css|html|svg|json|txt|woff2?)$/;

/**
 * Writes a brotli (.br) and a gzip (.gz) copy beside every text asset of the build, once, at
 * the highest levels: the server sends the copy the browser accepts and never compresses them
 * per request. Copies no smaller than the file are not written.
 */
export function precompress(): Plugin {
  let outDir = '';
  return {
    name: 'harbour-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    closeBundle() {
      for (const entry of fs.readdirSync(outDir, { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !compressible.test(entry.name)) continue;
        const file = path.join(entry.parentPath, entry.name);
        const body = fs.readFileSync(file);
        const brotli = zlib.brotliCompressSync(body, {
          params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 11, [zlib.constants.BROTLI_PARAM_SIZE_HINT]: body.length },
        });
        const gzip = zlib.gzipSync(body, { level: 9 });
        if (brotli.length < body.length) fs.writeFileSync(`${file}.br`, brotli);
        if (gzip.length < body.length) fs.writeFileSync(`${file}.gz`, gzip);
      }
    },
  };
}
