// The replay file format (what record-market writes and --market replay:FILE reads), its zod
// schema, and errors that say which coin and which point is wrong, since these files are edited
// and trimmed by hand.
import { readFile } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { shippedFile } from '../package-files.js';
import { z } from 'zod';

export const REPLAY_FORMAT = 'nx-market-replay/1';

// [time ms, price USD, rolling 24 h USD volume?] in CoinGecko's market_chart shape.
const pointSchema = z.tuple([
  z.number().int().nonnegative(),
  z.number().positive(),
  z.number().nonnegative().optional(),
]);

const coinSchema = z
  .object({
    id: z.string().min(1),
    symbol: z.string().min(1),
    name: z.string().min(1),
    // The engine's rounding resolves steps down to 1e-9 (see grid.ts decimalsOf).
    tickSize: z.number().min(1e-9, 'must be at least 1e-9 (the engine rounds to 9 decimals at most)'),
    lotSize: z.number().min(1e-9, 'must be at least 1e-9 (the engine rounds to 9 decimals at most)'),
    supply: z.number().nonnegative(),
    /** Annualised; estimated from the points when absent (it only shapes the book's spread). */
    volatility: z.number().positive().optional(),
    points: z.array(pointSchema).min(1),
  })
  .superRefine((coin, ctx) => {
    for (let i = 1; i < coin.points.length; i++) {
      const [t, prev] = [coin.points[i]![0], coin.points[i - 1]![0]];
      if (t <= prev) ctx.addIssue({ code: 'custom', path: ['points', i, 0], message: `time ${t} is not after the previous point's ${prev} (points must be sorted by time, without duplicates)` });
    }
  });

export const replayFileSchema = z
  .object({
    format: z.literal(REPLAY_FORMAT),
    /** Free text: where the data came from (e.g. "coingecko", "synthetic"). */
    source: z.string().optional(),
    recordedAt: z.string().optional(),
    note: z.string().optional(),
    coins: z.array(coinSchema).min(1),
  })
  .superRefine((file, ctx) => {
    const seen = new Map<string, number>();
    file.coins.forEach((c, i) => {
      for (const key of [c.id.toLowerCase(), c.symbol.toLowerCase()]) {
        const other = seen.get(key);
        if (other !== undefined && other !== i) ctx.addIssue({ code: 'custom', path: ['coins', i, 'id'], message: `"${key}" is already used by coins[${other}]` });
        seen.set(key, i);
      }
    });
  });

export type ReplayFile = z.infer<typeof replayFileSchema>;
export type ReplayCoin = ReplayFile['coins'][number];

export class ReplayFileError extends Error {
  override readonly name = 'ReplayFileError';
  constructor(readonly source: string, readonly problems: readonly string[]) {
    super(`${source} is not a valid market replay file:\n  ${problems.join('\n  ')}`);
  }
}

const POINT_FIELDS = ['time', 'price', 'volume'];

/** "coin "ethereum" (coins[1]) point 5 price: Too small…" rather than zod's bare path. */
function describe(issue: z.core.$ZodIssue, data: unknown): string {
  const path = issue.path;
  if (path[0] !== 'coins' || typeof path[1] !== 'number') return `${path.length ? path.join('.') : '(file)'}: ${issue.message}`;
  const raw = (data as { coins?: unknown[] }).coins?.[path[1]] as { id?: unknown } | undefined;
  const name = typeof raw?.id === 'string' ? `coin "${raw.id}" (coins[${path[1]}])` : `coins[${path[1]}]`;
  const rest = path.slice(2);
  if (rest[0] === 'points' && typeof rest[1] === 'number') {
    const field = typeof rest[2] === 'number' ? ` ${POINT_FIELDS[rest[2]] ?? `[${rest[2]}]`}` : '';
    return `${name} point ${rest[1]}${field}: ${issue.message}`;
  }
  return `${name}${rest.length ? ` ${rest.join('.')}` : ''}: ${issue.message}`;
}

/** Validates parsed JSON; `source` names the file in errors. Reports at most 10 problems. */
export function parseReplayFile(data: unknown, source = 'replay data'): ReplayFile {
  const result = replayFileSchema.safeParse(data);
  if (result.success) return result.data;
  const problems = result.error.issues.slice(0, 10).map((i) => describe(i, data));
  if (result.error.issues.length > 10) problems.push(`… and ${result.error.issues.length - 10} more`);
  throw new ReplayFileError(source, problems);
}

/** Reads `path`; a relative path missing here falls back to the package's own copy (the shipped sample). */
async function readReplayText(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const shipped = !isAbsolute(path) && (error as NodeJS.ErrnoException).code === 'ENOENT' ? shippedFile(path) : undefined;
    if (shipped === undefined) throw error;
    return readFile(shipped, 'utf8');
  }
}

export async function loadReplayFile(path: string): Promise<ReplayFile> {
  let text: string;
  try {
    text = await readReplayText(path);
  } catch (error) {
    throw new ReplayFileError(path, [`cannot read it: ${(error as Error).message}`]);
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    throw new ReplayFileError(path, [`not JSON: ${(error as Error).message}`]);
  }
  return parseReplayFile(data, path);
}

/** JSON with one point per line: diffable and hand-editable, unlike one number per line. */
export function formatReplayFile(file: ReplayFile): string {
  const coins = file.coins.map((c) => {
    const { points, ...head } = c;
    const headJson = JSON.stringify(head).slice(1, -1);
    return `    {${headJson},\n      "points": [\n${points.map((p) => `        ${JSON.stringify(p)}`).join(',\n')}\n      ]}`;
  });
  const { coins: _coins, ...meta } = file;
  const metaJson = Object.entries(meta).map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)},`).join('\n');
  return `{\n${metaJson}\n  "coins": [\n${coins.join(',\n')}\n  ]\n}\n`;
}
