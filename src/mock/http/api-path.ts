// Which requests are the Agent Connect API: what app.use('/v1/agent') matched before one handler
// took every API request (create-mock-app.ts, direct-api.ts).
import { SIGNING_BASE_PATH } from '../../signing/constants.js';

const API_PREFIX = SIGNING_BASE_PATH.toLowerCase();

/** What app.use('/v1/agent') matched: the prefix in any letter case, then the end or a '/'. */
export function isApiPath(path: string): boolean {
  return path.length >= API_PREFIX.length && (path.length === API_PREFIX.length || path[API_PREFIX.length] === '/') && path.slice(0, API_PREFIX.length).toLowerCase() === API_PREFIX;
}
