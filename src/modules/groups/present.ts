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

export const presentGroup = (g: Group & { members: string | number | null; myRole: Role | null }) => ({
  ...groupRef(g),
  parentId: g.parentId,
  province: g.province,
  city: g.city,
  members: Number(g.members ?? 0),
  myRole: g.myRole,
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
