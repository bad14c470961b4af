import { type Kysely, sql } from 'kysely';

/**
 * How to reach a service, beyond its intake text: its phone numbers (each with its kind and an
 * extension), an email address and a website of its own (the organization's is used otherwise).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`
    ALTER TABLE service
      ADD COLUMN phones jsonb NOT NULL DEFAULT '[]',
      ADD COLUMN email text,
      ADD COLUMN website text,
      ADD CONSTRAINT service_phones_array CHECK (jsonb_typeof(phones) = 'array');
  `.execute(db);
}
