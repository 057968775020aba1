// The server runner's requirements matrix: the catalogue's checks and the pre-flight's.
import { catalogue } from '../catalogue.js';
import { preflightChecks } from '../preflight/preflight.js';
import { loadRequirements } from './load-requirements.js';
import { buildMatrix, type Matrix } from './matrix.js';

export function serverMatrix(): Matrix {
  return buildMatrix(loadRequirements(), [...catalogue, ...preflightChecks]);
}
