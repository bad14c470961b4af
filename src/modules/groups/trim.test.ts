import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../platform/project.js';
import { splitReply } from './trim.js';

interface Case {
  name: string;
  message: string;
  body: string;
}

/** test/fixtures/mail-replies.txt: "=== name", the message, "--- body", the reply's own words. */
function corpus(): Case[] {
  const text = fs.readFileSync(path.join(projectRoot(), 'test', 'fixtures', 'mail-replies.txt'), 'utf8');
  return text
    .split(/^=== /m)
    .slice(1)
    .map((chunk) => {
      const [head, ...rest] = chunk.split('\n');
      const [message, body] = rest.join('\n').split(/^--- body\n/m) as [string, string];
      const name = (head as string).trim();
      const asSent = message.replace(/\n$/, '');
      return { name, message: name.includes('crlf') ? asSent.replace(/\n/g, '\r\n') : asSent, body: body.replace(/\n+$/, '') };
    });
}

describe('trimming the quoted part of a reply', () => {
  const cases = corpus();

  it('has a corpus of at least 40 replies in the formats of real mail programs', () => {
    expect(cases.length).toBeGreaterThanOrEqual(40);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  it('keeps exactly the reply’s own words in at least 95% of them', () => {
    const wrong = cases.filter((c) => splitReply(c.message).body !== c.body);
    const exact = (cases.length - wrong.length) / cases.length;
    // The figure, for docs/groups.md.
    console.info(`reply trimming: ${cases.length - wrong.length} of ${cases.length} exact (${(exact * 100).toFixed(1)}%)`);
    for (const c of wrong) console.info(`  not exact: ${c.name}\n${JSON.stringify(splitReply(c.message).body)}`);
    expect(exact).toBeGreaterThanOrEqual(0.95);
  });

  it('loses nothing: what is trimmed is kept, and body and quote together are the whole message', () => {
    for (const c of cases) {
      const { body, quoted } = splitReply(c.message);
      const whole = c.message.replace(/\r\n/g, '\n').replace(/\s+/g, ' ').trim();
      expect(`${body}\n${quoted}`.replace(/\s+/g, ' ').trim(), c.name).toBe(whole);
    }
  });
});
