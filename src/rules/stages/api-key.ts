// What an API key's form alone says (SIGNING.md, "Sandbox and live keys").
import type { Mode } from '../permission.js';

/** The form of every key the API issues; a key of another form cannot belong to any agent. */
export const KEY_PATTERN = /^nx_(test|live)_[A-Za-z0-9]+$/;

/** The mode a key is issued for: its prefix says it. */
export const modeOfKey = (key: string): Mode => (key.startsWith('nx_live_') ? 'live' : 'sandbox');
