/** Text as searches compare it: accents removed, lower case, trimmed ("  Montréal" → "montreal"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}

/**
 * A name as people type it, for matching: folded, and every run of anything but letters and
 * digits one space ("Niagara-on-the-Lake", "niagara on the lake" and "Services d'immigration"
 * → "services d immigration" meet).
 */
export function foldWords(text: string): string {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

/** A LIKE pattern that finds `words` anywhere, with LIKE's own signs (%, _ and \\) taken literally. */
export const containsPattern = (words: string) => `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * A short name made from a name — folded, words joined by hyphens, at most 50 characters — that is
 * not taken yet: a number is added if it is ("Réseau Montérégie" → "reseau-monteregie", then "-2").
 */
export async function freeShortName(name: string, fallback: string, taken: (candidate: string) => Promise<boolean>): Promise<string> {
  const base = foldWords(name).replace(/ /g, '-').slice(0, 50).replace(/-+$/, '') || fallback;
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? base : `${base}-${n}`;
    if (!(await taken(candidate))) return candidate;
  }
}
