import { roles } from '../db/tables.js';
import * as accounts from '../modules/accounts/index.js';
import { AppError } from '../platform/errors.js';
import { commandLine } from '../platform/policy.js';
import type { Command } from './commands.js';
import { parseRoles, required, say } from './helpers.js';

/** `harbour` commands: agencies and accounts (accounts by invitation). */
export const accountCommands: Record<string, Command> = {
  'agency add': {
    summary: 'add a member agency',
    usage: '--slug SLUG --name NAME --province CODE',
    help: 'CODE is a two-letter province or territory code (ON, QC, ...), or CA for a national body.',
    options: { slug: { type: 'string' }, name: { type: 'string' }, province: { type: 'string' } },
    run: async (runtime, values) => {
      const parsed = accounts.newAgencyBody.safeParse({ slug: values.slug, name: values.name, province: values.province });
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError('bad_request', `--${String(issue?.path[0])}: ${issue?.message}`);
      }
      const agency = await accounts.createAgency(runtime.deps, commandLine, parsed.data);
      say(`added agency ${agency.slug} (${agency.id})`);
    },
  },
  'user add': {
    summary: 'invite someone into an agency: they set their own password through a one-time link (72 hours)',
    usage: '--email EMAIL --agency SLUG --role ROLE [--role ROLE] [--name NAME]',
    help: [
      `ROLE is one of ${roles.join(', ')}; repeat --role or separate roles with commas.`,
      'The link is emailed to the person (through the outbox) and printed here: hand it over only to them.',
    ].join('\n'),
    options: {
      email: { type: 'string' },
      agency: { type: 'string' },
      role: { type: 'string', multiple: true },
      name: { type: 'string' },
    },
    run: async (runtime, values) => {
      const email = required(values, 'email');
      const agencyId = await accounts.findAgencyIdBySlug(runtime.deps.kysely, required(values, 'agency'));
      const { account, link } = await accounts.inviteAccount(runtime.deps, commandLine, {
        agencyId,
        email,
        displayName: typeof values.name === 'string' ? values.name : email,
        roles: parseRoles(values),
      });
      say(`invited ${account.email} (${account.roles.join(', ')}); the invitation link, good once for 72 hours:`);
      say(`  ${link}`);
    },
  },
  'user disable': {
    summary: 'disable an account; its sessions end at once',
    usage: '--email EMAIL',
    options: { email: { type: 'string' } },
    run: async (runtime, values) => {
      const id = await accounts.findAccountIdByEmail(runtime.deps, required(values, 'email'));
      await accounts.disableAccount(runtime.deps, commandLine, id);
      say(`disabled ${values.email}`);
    },
  },
  'user reset-password': {
    summary: 'reset an account: its password stops working, its sessions end, and the person gets a new invitation',
    usage: '--email EMAIL [--second-factor]',
    help: '--second-factor also clears the authenticator app (a lost phone); the person sets a new one after their password.',
    options: { email: { type: 'string' }, 'second-factor': { type: 'boolean' } },
    run: async (runtime, values) => {
      const id = await accounts.findAccountIdByEmail(runtime.deps, required(values, 'email'));
      const { link } = await accounts.reinvite(runtime.deps, commandLine, id, { resetSecondFactor: Boolean(values['second-factor']) });
      say(`reset ${values.email}; a new invitation link, good once for 72 hours:`);
      say(`  ${link}`);
    },
  },
};
