/**
 * A short reference for a case that names no one: "H-" and the first six characters of its id.
 * It stands for the person where a name must not go — a calendar feed, an erased name.
 */
export const caseReference = (caseId: string) => `H-${caseId.slice(0, 6).toUpperCase()}`;
