// The mock exchange's public surface.
export { createMockApp, type MockApp } from './http/create-mock-app.js';
export { startMock, type RunningMock, type StartMockOptions } from './http/start-mock.js';
export { MOCK_DEFAULTS, type MockOptions } from './http/mock-options.js';
export type { MockContext } from './http/mock-context.js';
export type { JournalEntry, RawRequestRecord } from './http/journal.js';
export { defectCatalogue, defectNames, defects, type Defect, type DefectName } from './defects.js';
