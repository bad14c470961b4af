import vocabularyFile from '../../../data/cases/vocabulary.json' with { type: 'json' };

type List = [string, ...string[]];
type ListName =
  | 'immigrationSituations'
  | 'permitTypes'
  | 'planHeadings'
  | 'genders'
  | 'citizenshipRegions'
  | 'sectors'
  | 'cameThrough'
  | 'exploitation'
  | 'progress';

/**
 * The closed lists of a case (data/cases/vocabulary.json), imported rather than read from disk
 * so the staff pages take the same lists, and the schemas built on them, with no copy.
 */
export const vocabulary = vocabularyFile as unknown as Record<ListName, List>;
