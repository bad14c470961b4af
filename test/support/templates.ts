import pg from 'pg';
import { connect } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';

/** Runs one statement on the server `url` names, through a connection of its own. */
export async function onServer(url: string, statement: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(statement);
  } finally {
    await admin.end();
  }
}

export function databaseUrl(serverUrl: string, name: string): string {
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function createMigratedTemplate(serverUrl: string, name: string): Promise<string> {
  await onServer(serverUrl, `CREATE DATABASE ${name}`);
  const db = connect(databaseUrl(serverUrl, name), 'postgres', { max: 1 });
  try {
    await migrate(db);
  } finally {
    await db.close();
  }
  return name;
}

/** A copy of `template`; PostgreSQL refuses while another copy is being made from it, so that is retried. */
export async function copyDatabase(serverUrl: string, template: string, name: string): Promise<void> {
  for (let attempt = 0; ; attempt++) {
    try {
      await onServer(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${template}`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
    }
  }
}

export function dropDatabase(serverUrl: string, name: string): Promise<void> {
  return onServer(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
}
