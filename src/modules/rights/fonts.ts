/**
 * A font for every script of the rights pages, served by Harbour itself (no request leaves for a
 * font service): the Noto Sans families packaged by Fontsource, regular and bold (regular only for
 * Chinese and Korean), as WOFF2, split by Unicode range so a browser fetches only the pieces a page uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { projectRoot } from '../../platform/project.js';

export const fonts = ['noto-sans', 'noto-sans-arabic', 'noto-sans-thai', 'noto-sans-gurmukhi', 'noto-sans-sc', 'noto-sans-kr'] as const;
export type Font = (typeof fonts)[number];

const folder = (font: Font) => path.join(projectRoot(), 'node_modules', '@fontsource', font);
const cache = new Map<Font, string>();

/** The package's faces with their files at Harbour's own address, and the family set on the page. */
export function fontCss(font: Font): string {
  const made = cache.get(font);
  if (made) return made;
  // Chinese and Korean faces are large: their bold is left to the browser to draw, halving what a phone fetches.
  const weights = font === 'noto-sans-sc' || font === 'noto-sans-kr' ? ['400.css'] : ['400.css', '700.css'];
  const faces = weights
    .map((file) => fs.readFileSync(path.join(folder(font), file), 'utf8'))
    .join('\n')
    .replace(/,\s*url\(\.\/files\/[^)]+\.woff\) format\('woff'\)/g, '')
    .replace(/url\(\.\/files\//g, `url(/rights/fonts/${font}/`);
  const family = /font-family: '([^']+)'/.exec(faces)?.[1] ?? 'Noto Sans';
  const css = `${faces}\n:root {\n  font-family: '${family}', system-ui, sans-serif;\n}\n`;
  cache.set(font, css);
  return css;
}

/** One of the package's WOFF2 files, or undefined: nothing else under node_modules is reachable. */
export function fontFile(font: string, file: string): Buffer | undefined {
  if (!(fonts as readonly string[]).includes(font) || !/^[a-z0-9-]+\.woff2$/.test(file)) return undefined;
  const full = path.join(folder(font as Font), 'files', file);
  return fs.existsSync(full) ? fs.readFileSync(full) : undefined;
}
