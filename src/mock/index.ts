// The mock exchange's public surface.
import type { RequestListener } from 'node:http';
import { createMockApp as createExpressMockApp } from './http/create-mock-app.js';
import type { MockContext } from './http/mock-context.js';
import type { MockOptions } from './http/mock-options.js';

export { startMock, type RunningMock, type StartMockOptions } from './http/start-mock.js';
export { MOCK_DEFAULTS, type MockOptions } from './http/mock-options.js';
export type { MockContext } from './http/mock-context.js';
export type { JournalEntry, RawRequestRecord } from './http/journal.js';
export { defectCatalogue, defectNames, defects, type Defect, type DefectName } from './defects.js';

export interface MockApp {
  /** A request listener for http.createServer(), supertest or another app's use(). */
  app: RequestListener;
  ctx: MockContext;
}

/**
 * The mock exchange as an app that does not listen. Published with a plain Node type, not
 * Express's, so a consumer type-checking with skipLibCheck: false needs no @types/express.
 */
export function createMockApp(options: MockOptions = {}): MockApp {
  return createExpressMockApp(options);
}
