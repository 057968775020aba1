// Whether a driver can open a database on this runtime; the reason when it cannot.
import { openStateStore, type SqlDriverName } from '../../src/storage/index.js';

export function probeDriver(driver: SqlDriverName): string | null {
  try {
    openStateStore(':memory:', { driver }).close();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
