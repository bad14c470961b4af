import type { Selectable } from 'kysely';
import type { MeetingTable, WorkingGroupTable } from '../../db/tables.js';

type Group = Selectable<WorkingGroupTable>;
type Role = 'member' | 'coordinator';

export const groupRef = (g: Pick<Group, 'id' | 'nameEn' | 'nameFr' | 'level'>) => ({
  id: g.id,
  nameEn: g.nameEn,
  nameFr: g.nameFr,
  level: g.level,
});

/** The domain of the groups' addresses: HARBOUR_LIST_DOMAIN, or the host Harbour is reached at. */
export const listDomain = (config: { HARBOUR_LIST_DOMAIN?: string; HARBOUR_PUBLIC_URL: string }) =>
  config.HARBOUR_LIST_DOMAIN ?? new URL(config.HARBOUR_PUBLIC_URL).hostname;

/** The group's email address: its list name at the network's list domain. */
export const groupAddress = (domain: string, g: Pick<Group, 'listName'>) => `${g.listName}@${domain}`;

export const presentGroup = (domain: string, g: Group & { members: string | number | null; myRole: Role | null }) => ({
  ...groupRef(g),
  address: groupAddress(domain, g),
  parentId: g.parentId,
  province: g.province,
  city: g.city,
  members: Number(g.members ?? 0),
  myRole: g.myRole,
  endedAt: g.endedAt ? new Date(g.endedAt).toISOString() : null,
});

export const presentMeeting = (
  m: Selectable<MeetingTable> & { going: string | number | null; myAnswer: 'yes' | 'no' | 'maybe' | null },
) => ({
  id: m.id,
  groupId: m.groupId,
  title: m.title,
  startsAt: new Date(m.startsAt).toISOString(),
  endsAt: new Date(m.endsAt).toISOString(),
  timeZone: m.timeZone,
  mode: m.mode,
  cancelled: m.cancelledAt !== null,
  going: Number(m.going ?? 0),
  capacity: m.capacity,
  myAnswer: m.myAnswer,
});
