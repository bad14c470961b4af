/** Text as searches compare it: accents removed, lower case, trimmed ("  Montréal" → "montreal"). */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .trim();
}
