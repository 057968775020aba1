// Validation of registration input. Pure; runs before anything is created or any id is drawn.
import { EngineError } from '../errors.js';
import type { Mode, Permission } from '../types.js';
import type { EngineConfig } from '../trading/context.js';
import type { RegisterAgentInput } from './types.js';

export const PERMISSIONS: readonly Permission[] = [
  'read:market',
  'read:portfolio',
  'write:orders',
  'read:sentiment',
  'read:social',
  'write:webhook',
];

export interface ValidAgentInput {
  name: string;
  permissions: Permission[];
  mode: Mode;
  dailyLossLimit: number | null;
  maxPositionSize: number | null;
}

export function validateAgentInput(input: RegisterAgentInput, config: EngineConfig): ValidAgentInput {
  if (typeof input.name !== 'string' || input.name.trim().length === 0) {
    throw new EngineError('invalid_request', 'name must be a non-empty string.');
  }
  if (input.mode !== 'sandbox' && input.mode !== 'live') {
    throw new EngineError('invalid_request', `mode must be "sandbox" or "live", got ${JSON.stringify(input.mode)}.`);
  }
  if (!Array.isArray(input.permissions)) {
    throw new EngineError('invalid_request', 'permissions must be an array of permission strings.');
  }
  const permissions: Permission[] = [];
  for (const p of input.permissions) {
    if (!PERMISSIONS.includes(p)) {
      throw new EngineError('invalid_request', `Unknown permission ${JSON.stringify(p)}; use: ${PERMISSIONS.join(', ')}.`);
    }
    if (!permissions.includes(p)) permissions.push(p); // dedupe, first occurrence wins
  }
  const live = input.mode === 'live';
  return {
    name: input.name,
    permissions,
    mode: input.mode,
    dailyLossLimit: limitOrDefault('dailyLossLimit', input.dailyLossLimit, live ? config.liveDefaults.dailyLossLimit : null),
    maxPositionSize: limitOrDefault('maxPositionSize', input.maxPositionSize, live ? config.liveDefaults.maxPositionSize : null),
  };
}

/** A given limit must be a finite USD amount > 0; absent/null falls back to the mode's default. */
function limitOrDefault(field: string, value: unknown, fallback: number | null): number | null {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new EngineError('invalid_limit', `${field} must be a USD amount greater than 0 (or omitted), got ${String(value)}.`, {
      field,
    });
  }
  return value;
}
