import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/** The one description of every table, used by Kysely to type all SQL. Columns are camelCase here. */
export interface Database {
  agency: AgencyTable;
  account: AccountTable;
  recoveryCode: RecoveryCodeTable;
  session: SessionTable;
  agencyKey: AgencyKeyTable;
  auditEvent: AuditEventTable;
  appMeta: AppMetaTable;
  organization: OrganizationTable;
  servicePoint: ServicePointTable;
  service: ServiceTable;
  listingReport: ListingReportTable;
  searchWord: { word: string };
  libraryResource: LibraryResourceTable;
  libraryFile: LibraryFileTable;
  libraryCollection: LibraryCollectionTable;
  libraryCollectionItem: LibraryCollectionItemTable;
  caseRecord: CaseRecordTable;
  caseConsentWithdrawal: CaseConsentWithdrawalTable;
  calendarFeed: CalendarFeedTable;
  rightsReview: RightsReviewTable;
  staffKey: { accountId: string; publicKey: Uint8Array; wrappedPrivate: string; createdAt: CreatedAt };
  intakeKey: IntakeKeyTable;
  intakeKeyShare: { intakeKeyId: string; accountId: string; sealedPrivate: Uint8Array; sharedBy: string; createdAt: CreatedAt };
  helpRequest: HelpRequestTable;
  helpEnvelope: { requestId: string; intakeKeyId: string; enc: Uint8Array; ciphertext: Uint8Array };
  helpReply: { id: Generated<string>; requestId: string; iv: Uint8Array; ciphertext: Uint8Array; sentBy: string; sentAt: Date };
  caseKey: { caseId: string; agencyId: string; sealedKey: Uint8Array };
  caseMember: { caseId: string; accountId: string };
  caseAccessGrant: CaseAccessGrantTable;
  caseFact: CaseFactTable;
  caseNote: { id: Generated<string>; caseId: string; authorAccountId: string; sealed: Uint8Array; createdAt: CreatedAt };
  caseDocument: CaseDocumentTable;
  notification: NotificationTable;
  emailOutbox: EmailOutboxTable;
  referral: ReferralTable;
  referralKey: { referralId: string; agencyId: string; sealedKey: Uint8Array };
  referralEvent: ReferralEventTable;
  referralOutcome: ReferralOutcomeTable;
  statsRelease: StatsReleaseTable;
  attemptCounter: AttemptCounterTable;
  invitation: InvitationTable;
  membershipApplication: MembershipApplicationTable;
  membershipMessage: MembershipMessageTable;
  workingGroup: WorkingGroupTable;
  groupMember: GroupMemberTable;
  meeting: MeetingTable;
  meetingRsvp: { meetingId: string; accountId: string; answer: RsvpAnswer; answeredAt: Timestamp };
  meetingAction: MeetingActionTable;
  meetingFeed: { accountId: string; keyHash: Uint8Array; createdAt: Timestamp };
  bulletin: BulletinTable;
  bulletinMailRefusal: { accountId: string; refusedAt: CreatedAt };
  groupThread: GroupThreadTable;
  groupPost: GroupPostTable;
  groupPostSeen: { postId: string; accountId: string };
  heldMail: HeldMailTable;
  groupDocument: { groupId: string; resourceId: string; addedBy: string; addedAt: Timestamp };
  groupDecision: GroupDecisionTable;
}

type CreatedAt = ColumnType<Date, Date | string | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | string | undefined, Date | string>;
type Timestamp = ColumnType<Date, Date | string, Date | string>;

export const roles = ['network_admin', 'agency_admin', 'coordinator', 'worker', 'researcher'] as const;
export type Role = (typeof roles)[number];

export interface AgencyTable {
  id: Generated<string>;
  slug: string;
  name: string;
  province: string;
  isSample: Generated<boolean>;
  state: Generated<MemberState>;
  stateChangedAt: Timestamp | null;
  createdAt: CreatedAt;
}

export type MemberState = 'active' | 'suspended' | 'left';

export interface AccountTable {
  id: Generated<string>;
  agencyId: string;
  email: string;
  displayName: string;
  /** null until the invited person sets a password, and again after a reset. */
  passwordHash: string | null;
  roles: Role[];
  locale: Generated<'en' | 'fr'>;
  disabledAt: Timestamp | null;
  totpSecret: Uint8Array | null;
  totpConfirmedAt: Timestamp | null;
  totpLastStep: number | null;
  lastSignInAt: Timestamp | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface RecoveryCodeTable {
  id: Generated<string>;
  accountId: string;
  codeHash: string;
  usedAt: Timestamp | null;
}

export type SessionStage = 'full' | 'mfa' | 'enrol';

export interface SessionTable {
  idHash: string;
  accountId: string;
  csrfToken: string;
  stage: SessionStage;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  expiresAt: Timestamp;
}

export interface AgencyKeyTable {
  agencyId: string;
  version: number;
  wrappedKey: Uint8Array;
  masterVersion: number;
  createdAt: CreatedAt;
}

export type AuditOutcome = 'ok' | 'refused' | 'failed';

export interface AuditEventTable {
  seq: Generated<number>;
  at: Timestamp;
  actorAccountId: string | null;
  agencyId: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  outcome: AuditOutcome;
  details: ColumnType<Record<string, unknown>, string, never>;
  prevHash: string;
  hash: string;
}

export interface AppMetaTable {
  key: string;
  value: ColumnType<unknown, string, string>;
}

export type Agency = Selectable<AgencyTable>;
export type Account = Selectable<AccountTable>;
export type NewAccount = Insertable<AccountTable>;
export type Session = Selectable<SessionTable>;

export interface OrganizationTable {
  id: Generated<string>;
  agencyId: string | null;
  name: string;
  descriptionEn: Generated<string>;
  descriptionFr: Generated<string>;
  website: string | null;
  isMember: Generated<boolean>;
  isSample: Generated<boolean>;
  source: string | null;
  lastVerifiedAt: UpdatedAt;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ServicePointTable {
  id: Generated<string>;
  organizationId: string;
  name: string;
  city: string;
  province: string;
  isConfidential: Generated<boolean>;
  address: string | null;
  addressSealed: Uint8Array | null;
  latitude: number | null;
  longitude: number | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

type GeneratedAlways<T> = ColumnType<T, never, never>;

export interface OpeningHours {
  timezone?: string;
  alwaysOpen?: boolean;
  weekly?: Record<string, Array<[string, string]>>;
}

/** A phone number of a service: its kind (a voice line, text messages, a TTY…), an extension, a word on when or for what. */
export interface ServicePhone {
  number: string;
  extension?: string;
  kind: 'voice' | 'text' | 'tty' | 'fax';
  description?: string;
}

export interface ServiceTable {
  id: Generated<string>;
  organizationId: string;
  servicePointId: string | null;
  nameEn: string;
  nameFr: string;
  descriptionEn: Generated<string>;
  descriptionFr: Generated<string>;
  categories: Generated<string[]>;
  populations: Generated<string[]>;
  languages: Generated<string[]>;
  areaProvinces: Generated<string[]>;
  servesRemoteCommunities: Generated<boolean>;
  servesWithoutStatus: Generated<boolean>;
  traffickingTrained: Generated<boolean>;
  accessibility: Generated<string>;
  fees: Generated<string>;
  eligibility: Generated<string>;
  intake: Generated<string>;
  hours: ColumnType<OpeningHours | null, string | null, string | null>;
  phones: ColumnType<ServicePhone[], string | undefined, string>;
  email: string | null;
  website: string | null;
  /** Why an imported service waits for its keeper before search finds it; null once listed. */
  reviewNote: string | null;
  /** Set while its member agency is suspended or has left: the public directory does not show it. */
  withheldAt: Timestamp | null;
  capacityBeds: number | null;
  capacityUpdatedAt: Timestamp | null;
  latitude: number | null;
  longitude: number | null;
  /** The province of the service's location, copied from it with its coordinates. */
  province: string | null;
  lastVerifiedAt: UpdatedAt;
  searchText: Generated<string>;
  searchDocument: GeneratedAlways<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ListingReportTable {
  id: Generated<string>;
  serviceId: string;
  message: string;
  createdAt: CreatedAt;
  resolvedAt: Timestamp | null;
}

export interface LibraryResourceTable {
  id: Generated<string>;
  agencyId: string | null;
  titleEn: string;
  titleFr: string;
  summaryEn: Generated<string>;
  summaryFr: Generated<string>;
  category: string;
  kind: string;
  audiences: Generated<string[]>;
  languages: Generated<string[]>;
  region: Generated<string>;
  link: string | null;
  membersOnly: Generated<boolean>;
  isSample: Generated<boolean>;
  searchText: Generated<string>;
  searchEn: GeneratedAlways<string>;
  searchFr: GeneratedAlways<string>;
  /** A tool in another language: that language, and its title and summary in it. */
  ownLanguage: string | null;
  titleOwn: Generated<string>;
  summaryOwn: Generated<string>;
  searchOwn: GeneratedAlways<string>;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface LibraryFileTable {
  resourceId: string;
  name: string;
  mediaType: string;
  size: number;
  sha256: string;
  content: Uint8Array;
  uploadedAt: CreatedAt;
}

export interface LibraryCollectionTable {
  id: Generated<string>;
  slug: string;
  titleEn: string;
  titleFr: string;
  descriptionEn: Generated<string>;
  descriptionFr: Generated<string>;
  createdAt: CreatedAt;
}

export interface LibraryCollectionItemTable {
  collectionId: string;
  resourceId: string;
  position: number;
}

export interface CaseRecordTable {
  id: Generated<string>;
  agencyId: string;
  coordinatorAccountId: string;
  restricted: Generated<boolean>;
  status: Generated<'open' | 'closed'>;
  closedAt: Timestamp | null;
  closedReason: string | null;
  purgeOn: ColumnType<string | null, string | null | undefined, string | null>;
  sealed: Uint8Array;
  nameTokens: Generated<string[]>;
  factSealed: Uint8Array | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

/** A referral's consent withdrawn, as the case opened from it learns it; the decision its coordinator took. */
export interface CaseConsentWithdrawalTable {
  caseId: string;
  referralId: string;
  withdrawnAt: Timestamp;
  byAgencyId: string;
  byAccountId: string;
  decision: 'consents-directly' | 'erase-shared' | null;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
}

/** A native speaker's check of a rights page's translation, for the text it was made of. */
export interface RightsReviewTable {
  id: Generated<string>;
  language: string;
  topic: string;
  contentHash: string;
  reviewer: string;
  reviewedOn: ColumnType<string, string, string>;
  recordedBy: string;
  recordedAt: CreatedAt;
}

/** An agency's public key for help requests (no agency: the network's fallback key). */
export interface IntakeKeyTable {
  id: Generated<string>;
  agencyId: string | null;
  publicKey: Uint8Array;
  fingerprint: string;
  createdBy: string;
  createdAt: CreatedAt;
  retiredAt: Date | null;
}

export type HelpRequestState = 'waiting' | 'accepted' | 'closed';
export type FallbackReason = 'unanswered' | 'declined' | 'network-chooses';

/** A help request's routing facts; what the person wrote is only in its sealed envelopes. */
export interface HelpRequestTable {
  id: string;
  agencyId: string | null;
  state: Generated<HelpRequestState>;
  lookupHash: string;
  receivedAt: Date;
  routedAt: Date;
  declinedAt: Date | null;
  fallbackAt: Date | null;
  fallbackReason: FallbackReason | null;
  acceptedAgencyId: string | null;
  acceptedInbox: 'agency' | 'network' | null;
  acceptedBy: string | null;
  acceptedAt: Date | null;
  closedAt: Date | null;
}

/** A worker's private calendar feed: only the hash of its secret key is kept. */
export interface CalendarFeedTable {
  accountId: string;
  agencyId: string;
  keyHash: Uint8Array;
  language: 'en' | 'fr';
  /** set again when a new address replaces the old */
  createdAt: Timestamp;
  lastReadAt: Timestamp | null;
}

export interface CaseAccessGrantTable {
  id: Generated<string>;
  caseId: string;
  accountId: string;
  reasonSealed: Uint8Array;
  grantedAt: Timestamp;
  expiresAt: Timestamp;
}

export interface CaseFactTable {
  id: Generated<string>;
  year: number;
  province: string;
  ageBand: string;
  gender: string;
  citizenshipRegion: string;
  exploitation: string[];
  sector: string;
  cameThrough: string;
  pathways: ColumnType<Record<string, string>, string, string>;
  needs: string[];
  needsMet: string[];
  services: Generated<string[]>;
  agencyId: string | null;
}

export interface CaseDocumentTable {
  id: Generated<string>;
  caseId: string;
  authorAccountId: string;
  sealedMeta: Uint8Array;
  sealedBody: Uint8Array;
  sizeBytes: number;
  createdAt: CreatedAt;
}

export interface NotificationTable {
  id: Generated<string>;
  accountId: string;
  kind: string;
  subjectType: string;
  subjectId: string;
  due: ColumnType<string | null, string | null | undefined, never>;
  dedupeKey: string;
  createdAt: CreatedAt;
  readAt: Timestamp | null;
}

export interface EmailOutboxTable {
  id: Generated<string>;
  toAddress: string;
  subject: string;
  body: string;
  createdAt: CreatedAt;
  sentAt: Timestamp | null;
  attempts: Generated<number>;
  lastError: string | null;
  /** files sent with the message: a meeting's .ics with its confirmation */
  attachments: ColumnType<EmailAttachment[], string | undefined, string>;
  /** list mail's headers: List-Id, List-Unsubscribe, Message-ID, In-Reply-To… */
  headers: ColumnType<Record<string, string>, string | undefined, string>;
}

export interface EmailAttachment {
  filename: string;
  contentType: string;
  content: string;
}

export const referralStates = ['draft', 'sent', 'accepted', 'declined', 'in-progress', 'completed', 'closed'] as const;
export type ReferralState = (typeof referralStates)[number];

export interface ReferralTable {
  id: string;
  fromAgencyId: string;
  fromAccountId: string;
  toAgencyId: string;
  toServiceId: string | null;
  fromCaseId: string | null;
  toCaseId: string | null;
  assigneeAccountId: string | null;
  state: ReferralState;
  urgency: 'urgent' | 'normal';
  restricted: boolean;
  consentUntil: string | null;
  consentWithdrawnAt: Date | null;
  sentAt: Date | null;
  acknowledgeBy: Date | null;
  acknowledgedAt: Date | null;
  sharedSealed: Uint8Array;
  senderSealed: Uint8Array;
  outcomeSealed: Uint8Array | null;
  addressSealed: Uint8Array | null;
  createdAt: CreatedAt;
  updatedAt: UpdatedAt;
}

export interface ReferralEventTable {
  id: Generated<string>;
  referralId: string;
  state: ReferralState;
  reason: string | null;
  noteSealed: Uint8Array | null;
  byAgencyId: string;
  byAccountId: string | null;
  at: Timestamp;
}

export interface ReferralOutcomeTable {
  id: Generated<string>;
  year: number;
  fromProvince: string;
  toProvince: string;
  serviceCategories: string[];
  urgency: string;
  needs: string[];
  interpreterNeeded: boolean;
  hoursToAcknowledge: number | null;
  accepted: boolean | null;
  completed: boolean | null;
  closedReason: string | null;
  fromAgencyId: string | null;
  toAgencyId: string | null;
}

export interface StatsReleaseTable {
  id: Generated<string>;
  titleEn: string;
  titleFr: string;
  filters: ColumnType<Record<string, unknown>, string, string>;
  tables: ColumnType<unknown[], string, string>;
  threshold: number;
  epsilon: number | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  withdrawnAt: Date | null;
  withdrawnBy: string | null;
  withdrawnReason: string | null;
}

export interface AttemptCounterTable {
  scope: string;
  subject: string;
  windowStart: Date;
  count: number;
}

export interface InvitationTable {
  id: Generated<string>;
  accountId: string;
  tokenHash: string;
  invitedBy: string | null;
  createdAt: Date;
  expiresAt: Date;
  usedAt: Date | null;
}

export const applicationStates = ['submitted', 'needs-more', 'approved', 'declined'] as const;
export type ApplicationState = (typeof applicationStates)[number];

/** An organization's application to join; approval makes the agency it names. */
export interface MembershipApplicationTable {
  id: Generated<string>;
  organizationName: string;
  province: string;
  city: string;
  website: string | null;
  work: string[];
  whatItDoes: string;
  howItMeetsCriteria: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string | null;
  contactRole: string | null;
  language: 'en' | 'fr';
  state: Generated<ApplicationState>;
  answerTokenHash: string | null;
  answerExpiresAt: Timestamp | null;
  agencyId: string | null;
  submittedAt: CreatedAt;
  decidedAt: Timestamp | null;
  decidedBy: string | null;
}

export interface MembershipMessageTable {
  id: Generated<string>;
  applicationId: string;
  kind: 'question' | 'answer' | 'decline' | 'approve';
  body: string;
  accountId: string | null;
  createdAt: CreatedAt;
}

export const groupLevels = ['national', 'regional', 'city'] as const;
export type GroupLevel = (typeof groupLevels)[number];
export const meetingModes = ['virtual', 'in-person', 'hybrid'] as const;
export type MeetingMode = (typeof meetingModes)[number];
export const rsvpAnswers = ['yes', 'no', 'maybe'] as const;
export type RsvpAnswer = (typeof rsvpAnswers)[number];

/** A working group: a city or regional group reports to its parent; a national group has none. */
export interface WorkingGroupTable {
  id: Generated<string>;
  level: GroupLevel;
  parentId: string | null;
  nameEn: string;
  nameFr: string;
  descriptionEn: Generated<string>;
  descriptionFr: Generated<string>;
  province: string | null;
  city: string | null;
  createdBy: string | null;
  createdAt: CreatedAt;
  /** the local part of the group's email address */
  listName: string;
  /** when the group ended: its records stay to read, it takes nothing new */
  endedAt: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export const deliveries = ['every', 'daily', 'weekly', 'none'] as const;
export type Delivery = (typeof deliveries)[number];

export interface GroupMemberTable {
  groupId: string;
  accountId: string;
  role: 'member' | 'coordinator';
  joinedAt: CreatedAt;
  delivery: Generated<Delivery>;
  digestSentAt: Timestamp | null;
}

export interface GroupThreadTable {
  id: Generated<string>;
  groupId: string;
  subject: string;
  startedBy: string | null;
  startedAt: Timestamp;
  lastPostAt: Timestamp;
}

export interface GroupPostTable {
  id: Generated<string>;
  threadId: string;
  authorId: string;
  /** the post's own words */
  body: string;
  /** what it quoted, kept and folded away */
  quoted: Generated<string>;
  via: 'page' | 'email';
  messageId: string;
  createdAt: Timestamp;
}

export interface HeldMailTable {
  id: Generated<string>;
  groupId: string;
  fromAddress: string;
  subject: string;
  body: string;
  receivedAt: Timestamp;
  state: Generated<'held' | 'released' | 'rejected'>;
  decidedBy: string | null;
  decidedAt: Timestamp | null;
}

export interface MeetingTable {
  id: Generated<string>;
  groupId: string;
  title: string;
  agenda: Generated<string>;
  startsAt: Timestamp;
  endsAt: Timestamp;
  timeZone: string;
  mode: MeetingMode;
  callUrl: string | null;
  place: string | null;
  capacity: number | null;
  minutes: Generated<string>;
  createdBy: string;
  createdAt: CreatedAt;
  cancelledAt: Timestamp | null;
  /** iCalendar SEQUENCE: one more each time the meeting moves */
  sequence: Generated<number>;
}

export interface MeetingActionTable {
  id: Generated<string>;
  meetingId: string;
  text: string;
  ownerId: string | null;
  due: ColumnType<string | null, string | null | undefined, string | null>;
  doneAt: Timestamp | null;
  createdAt: CreatedAt;
}

export const bulletinAudiences = ['members', 'public'] as const;
export type BulletinAudience = (typeof bulletinAudiences)[number];

/** A bulletin of the network, in Markdown; published once, then not edited. */
export interface BulletinTable {
  id: Generated<string>;
  titleEn: string;
  titleFr: string;
  bodyEn: string;
  bodyFr: string;
  audience: BulletinAudience;
  state: Generated<'draft' | 'published'>;
  createdBy: string;
  createdAt: CreatedAt;
  updatedAt: Timestamp;
  /** counts saves: a change names the revision it was made on */
  revision: Generated<number>;
  publishedAt: Timestamp | null;
  publishedBy: string | null;
}

/** A decision of a working group, dated, and linked to the meeting that took it if one did. */
export interface GroupDecisionTable {
  id: Generated<string>;
  groupId: string;
  meetingId: string | null;
  text: string;
  decidedOn: ColumnType<string, string, string>;
  recordedBy: string;
  recordedAt: Timestamp;
}
