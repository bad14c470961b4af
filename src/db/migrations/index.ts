import type { Migration } from 'kysely';
import * as m0001 from './0001_foundation.js';
import * as m0002 from './0002_directory.js';
import * as m0003 from './0003_library.js';
import * as m0004 from './0004_cases.js';
import * as m0005 from './0005_case_facts.js';
import * as m0006 from './0006_case_lifecycle.js';
import * as m0007 from './0007_referrals.js';
import * as m0008 from './0008_statistics.js';
import * as m0009 from './0009_attempt_counter.js';
import * as m0010 from './0010_invitation.js';
import * as m0011 from './0011_service_contact.js';
import * as m0012 from './0012_service_review.js';
import * as m0013 from './0013_search_document.js';
import * as m0014 from './0014_search_halves.js';
import * as m0015 from './0015_release_withdrawal.js';
import * as m0016 from './0016_case_consent_withdrawal.js';
import * as m0017 from './0017_calendar_feed.js';
import * as m0018 from './0018_rights_review.js';
import * as m0019 from './0019_library_own_language.js';
import * as m0020 from './0020_help_requests.js';
import * as m0021 from './0021_account_last_sign_in.js';
import * as m0022 from './0022_member_state.js';
import * as m0023 from './0023_membership_application.js';
import * as m0024 from './0024_working_groups.js';
import * as m0025 from './0025_bulletins.js';
import * as m0026 from './0026_group_threads.js';
import * as m0027 from './0027_group_records.js';
import * as m0028 from './0028_bulletin_mail.js';
import * as m0029 from './0029_group_end.js';
import * as m0030 from './0030_meeting_sequence.js';

/** Every migration, in order. Forward-only: a migration, once released, is never edited. */
export const migrations: Record<string, Migration> = {
  '0001_foundation': m0001,
  '0002_directory': m0002,
  '0003_library': m0003,
  '0004_cases': m0004,
  '0005_case_facts': m0005,
  '0006_case_lifecycle': m0006,
  '0007_referrals': m0007,
  '0008_statistics': m0008,
  '0009_attempt_counter': m0009,
  '0010_invitation': m0010,
  '0011_service_contact': m0011,
  '0012_service_review': m0012,
  '0013_search_document': m0013,
  '0014_search_halves': m0014,
  '0015_release_withdrawal': m0015,
  '0016_case_consent_withdrawal': m0016,
  '0017_calendar_feed': m0017,
  '0018_rights_review': m0018,
  '0019_library_own_language': m0019,
  '0020_help_requests': m0020,
  '0021_account_last_sign_in': m0021,
  '0022_member_state': m0022,
  '0023_membership_application': m0023,
  '0024_working_groups': m0024,
  '0025_bulletins': m0025,
  '0026_group_threads': m0026,
  '0027_group_records': m0027,
  '0028_bulletin_mail': m0028,
  '0029_group_end': m0029,
  '0030_meeting_sequence': m0030,
};
