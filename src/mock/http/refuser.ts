// Who answered a request with a problem: a rule (its stage), an injected fault, the operation, or
// HTTP itself. In a file of its own, free of Express, because the journal's public records carry
// it and the published types must not need @types/express (test/package checks them strictly).
import type { StageName } from '../../rules/judging.js';

export type Refuser = StageName | 'fault' | 'handler' | 'http';
