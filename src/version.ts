// The package version, read once from package.json (the one place it is written) for reports,
// --version and the control API.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { packageRoot } from './package-files.js';

export const TOOL_VERSION: string = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version: string }).version;
