import airs from '../../../../data/taxonomy/airs-codes.json' with { type: 'json' };

const mapped: Record<string, { categories: string[] }> = airs.codes;

// Two letters (the first two levels), then -NNNN, .NNNN, -NNN and .NN, each level only after the one before.
const shape = /^([A-Z]{2})(?:(-\d{4})(?:(\.\d{4})(?:(-\d{3})(\.\d{2})?)?)?)?$/;

/**
 * The Harbour categories a 211/AIRS taxonomy code means (data/taxonomy/airs-codes.json), by the
 * longest listed prefix along the code's levels; undefined for a code of another shape or one
 * no listed prefix covers.
 */
export function airsCategories(code: string): string[] | undefined {
  const levels = shape.exec(code.trim().toUpperCase())?.slice(1);
  if (!levels) return undefined;
  for (let depth = levels.length; depth > 0; depth--) {
    const prefix = levels.slice(0, depth).join('');
    if (levels[depth - 1] && mapped[prefix]) return mapped[prefix].categories;
  }
  return undefined;
}
