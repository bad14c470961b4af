import type { Deps } from '../../platform/context.js';
import type { AccountActor } from '../../platform/policy.js';
import { activeAccountByEmail } from '../accounts/index.js';
import { scheduleMeeting } from './meetings.js';
import { newGroup, newMeeting } from './schema.js';
import { createGroup, joinGroup, setRole } from './service.js';
import { startThread } from './threads.js';

/**
 * The sample network's working groups, so someone trying Harbour finds the structure the source
 * documents ask for: a national committee, a city group reporting to it, a meeting by call and a
 * discussion. All of it is marked as sample data.
 */
const actorOf = async (deps: Deps, email: string, roles: AccountActor['roles']): Promise<AccountActor> => {
  const account = await activeAccountByEmail(deps, email);
  if (!account) throw new Error(`the sample network has no account ${email}`);
  return { kind: 'account', accountId: account.id, agencyId: account.agencyId, roles, stage: 'full' };
};

export async function loadSampleGroups(deps: Deps) {
  const network = await actorOf(deps, 'network.admin@sample.harbour.example', ['network_admin']);
  const toronto = await actorOf(deps, 'coordinator@sample.harbour.example', ['coordinator']);
  const calgary = await actorOf(deps, 'coordinator@act.sample.harbour.example', ['coordinator']);
  const national = await createGroup(
    deps,
    network,
    newGroup.parse({
      level: 'national',
      nameEn: 'National committee (sample)',
      nameFr: 'Comité national (exemple)',
      descriptionEn: 'Sample data: the network’s committee, which meets by conference call.',
      descriptionFr: 'Données d’exemple : le comité du réseau, qui se réunit par conférence téléphonique.',
      listName: 'national-committee',
    }),
  );
  for (const member of [toronto, calgary]) await joinGroup(deps, member, national.id);
  await setRole(deps, network, national.id, calgary.accountId, 'coordinator');
  const city = await createGroup(
    deps,
    calgary,
    newGroup.parse({
      level: 'city',
      parentId: national.id,
      nameEn: 'Calgary working group (sample)',
      nameFr: 'Groupe de travail de Calgary (exemple)',
      city: 'Calgary',
      province: 'AB',
      listName: 'calgary',
    }),
  );
  const inTwoWeeks = new Date(deps.now().getTime() + 14 * 86_400_000).toISOString().slice(0, 10);
  await scheduleMeeting(
    deps,
    network,
    national.id,
    newMeeting.parse({
      title: 'Committee call (sample)',
      agenda: '1. News from the city groups\n2. The start-up toolkit\n3. Next bulletin',
      date: inTwoWeeks,
      start: '13:00',
      end: '14:00',
      timeZone: 'America/Toronto',
      mode: 'virtual',
      callUrl: 'https://meet.example.org/sample-committee',
      capacity: 30,
    }),
  );
  await startThread(deps, toronto, national.id, {
    subject: 'Welcome (sample)',
    body: 'Sample data: discussions of the committee are here and in members’ email.',
  });
  return { national: national.id, city: city.id };
}
