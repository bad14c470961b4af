import type { Deps } from '../../platform/context.js';
import { fold } from '../../platform/text.js';
import { openCases } from './keys.js';
import * as repo from './repo.js';

const digits = (text: string) => text.replace(/\D/g, '');

/**
 * Whether `text` holds what one of the agency's open case records holds about its person: a name
 * or alias, a contact (an email, or a phone number by its digits), a date of birth. Network mail
 * and group threads call it before anything is stored or sent, so case information cannot leave
 * a case through them. The answer is yes or no: never which case, never what matched.
 */
export async function mentionsCaseData(deps: Deps, agencyId: string, text: string): Promise<boolean> {
  const words = fold(text);
  const numbers = digits(text);
  const cases = await openCases(deps, agencyId, await repo.openRecordsOf(deps.kysely, agencyId));
  return cases.some(({ content }) => {
    const { names, contact, dateOfBirth } = content.person;
    if (names.some((name) => fold(name).length >= 4 && words.includes(fold(name)))) return true;
    if (dateOfBirth && text.includes(dateOfBirth)) return true;
    const phones = (contact?.match(/\+?\d[\d\s().-]{5,}\d/g) ?? []).map(digits).filter((phone) => phone.length >= 7);
    const emails = (contact?.match(/[^\s@,;<>]+@[^\s@,;<>]+/g) ?? []).map(fold);
    return phones.some((phone) => numbers.includes(phone)) || emails.some((email) => words.includes(email));
  });
}
