// Permissions and modes come from the spec (components/schemas/Permission and Mode): the engine,
// the rules and the runner all use these, so a permission added to the spec reaches all three.
import { Mode as ModeSchema, Permission as PermissionSchema, type Mode, type Permission } from '../generated/schemas.js';

export type { Mode, Permission };

/** Every permission, in spec order. */
export const ALL_PERMISSIONS: readonly Permission[] = PermissionSchema.options;

export const MODES: readonly Mode[] = ModeSchema.options;

export function isPermission(value: string): value is Permission {
  return (ALL_PERMISSIONS as readonly string[]).includes(value);
}
