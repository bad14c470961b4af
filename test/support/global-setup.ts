import type { TestProject } from 'vitest/node';
import { startTestServers, type TestServers } from './servers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    embeddedUrl: TestServers['embeddedUrl'];
    templates: TestServers['templates'];
  }
}

/** The run's servers and template databases (test/support/servers.ts), handed to every test file. */
export default async function setup(project: TestProject) {
  const { servers, close } = await startTestServers({ durable: false });
  project.provide('embeddedUrl', servers.embeddedUrl);
  project.provide('templates', servers.templates);
  return close;
}
