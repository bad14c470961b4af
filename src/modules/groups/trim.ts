/**
 * A reply's own words, apart from what it quotes. Mail programs put the message being answered
 * under an attribution line ("On … wrote:", "Le … a écrit :", possibly wrapped over two or three
 * lines), under Outlook's header block ("From: … Sent: …", "De : … Envoyé : …") or its
 * "-----Original Message-----", or as lines starting with ">". Signatures after "-- " and the
 * phones' "Sent from my …" go too. What is cut is returned as `quoted`, kept and folded away:
 * `body` and `quoted` together are the whole text.
 */
export interface SplitReply {
  body: string;
  quoted: string;
}

const attribution = [
  /^(On|Am)\s.+\b(wrote|schrieb)\s?:\s*$/i,
  /^Le\s.+\ba\s+écrit\s?:\s*$/i,
  /^El\s.+\bescribió\s?:\s*$/i,
  // Outlook on the web and some phones: "From: Jane <jane@…>" then "Sent:/Date:" lines (handled below)
];
const separators = [/^-{2,}\s*(Original Message|Message d['’]origine|Forwarded message|Message transféré)\s*-{2,}\s*$/i, /^_{20,}\s*$/];
const headerStart = /^\*?(From|De)\s?\*?\s?:\s?\S/i;
const headerNext = /^\*?(Sent|Envoyé|Date|To|À|Subject|Objet|Cc)\s?\*?\s?:/i;
const phoneSignature =
  /^(Sent from my |Sent from Mail for Windows|Sent from Outlook|Get Outlook for |Envoyé de mon |Envoyé à partir de |Envoyé depuis |Obtenir Outlook pour |Téléchargez Outlook pour )/i;
const quoteLine = /^\s*>/;

/** Where the attribution, header block, separator or signature starts, if it does at `i`. */
function startsQuote(lines: string[], i: number): boolean {
  const line = lines[i]?.trim() ?? '';
  if (line === '') return false;
  if (separators.some((rule) => rule.test(line))) {
    // A line of underscores is Outlook's only when a header block follows it.
    if (/^_+$/.test(line)) return lines.slice(i + 1, i + 3).some((next) => headerStart.test(next.trim()));
    return true;
  }
  if (line === '--' || lines[i] === '-- ') return true;
  if (phoneSignature.test(line)) return true;
  if (headerStart.test(line)) return lines.slice(i + 1, i + 5).some((next) => headerNext.test(next.trim()));
  // An attribution, on one line or wrapped over up to three.
  for (let span = 1; span <= 3; span++) {
    const joined = lines
      .slice(i, i + span)
      .map((part) => part.trim())
      .join(' ');
    if (attribution.some((rule) => rule.test(joined))) {
      const rest = lines.slice(i + span).find((next) => next.trim() !== '');
      // "On Monday we wrote: the plan" is a sentence; an attribution ends its line and a quote or header follows.
      return rest === undefined || quoteLine.test(rest) || span > 1 || /\d/.test(joined) || /[<@]/.test(joined);
    }
  }
  return false;
}

export function splitReply(text: string): SplitReply {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  let cut = lines.findIndex((_, i) => startsQuote(lines, i));
  if (cut === -1) {
    // No attribution: a trailing block of "> " lines (and blanks) is the quote; inline answers between quotes stay.
    let start = lines.length;
    for (let i = lines.length - 1; i >= 0; i--) {
      const line = lines[i] as string;
      if (quoteLine.test(line)) start = i;
      else if (line.trim() !== '') break;
    }
    if (start < lines.length) {
      // The line that introduces it ("* Jane <jane@…> [2026-12-01]:") goes with it.
      let above = start - 1;
      while (above >= 0 && (lines[above] as string).trim() === '') above--;
      const intro = lines[above]?.trim() ?? '';
      cut = above >= 0 && intro.endsWith(':') && /[@\d]/.test(intro) ? above : start;
    }
  }
  if (cut === -1) return { body: text.replace(/\s+$/, ''), quoted: '' };
  return { body: lines.slice(0, cut).join('\n').replace(/\s+$/, ''), quoted: lines.slice(cut).join('\n').replace(/\s+$/, '') };
}
