// Zod issues formatted in one place: as the spec's ValidationIssue list (problem bodies, findings)
// and as one-line texts (response checks, logs). Pointers follow RFC 6901 for bodies and name the
// parameter for path, query and header issues.
import type { z } from 'zod';

export type IssueLocation = 'body' | 'query' | 'path' | 'header';

/** components/schemas/ValidationIssue of the spec. */
export interface ValidationIssue {
  location: IssueLocation;
  pointer: string;
  message: string;
  code: string;
}

const escapePointer = (segment: string): string => segment.replace(/~/g, '~0').replace(/\//g, '~1');

function pointerOf(location: IssueLocation, segments: readonly string[]): string {
  if (location !== 'body') return segments[0] ?? '';
  return segments.length > 0 ? `/${segments.map(escapePointer).join('/')}` : '';
}

/** Every issue of a failed parse; an unknown field becomes one issue per field, pointing at it. */
export function validationIssues(error: z.ZodError, location: IssueLocation): ValidationIssue[] {
  return error.issues.flatMap((issue): ValidationIssue[] => {
    const segments = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        location,
        pointer: pointerOf(location, [...segments, key]),
        message: `unknown field '${key}'; check the spelling against the spec`,
        code: issue.code,
      }));
    }
    return [{ location, pointer: pointerOf(location, segments), message: issue.message, code: issue.code }];
  });
}

/** `body /quantity: Too small…`, `query coins: Invalid string…`, `body: unknown field 'qty'; …`. */
export function issueLine(issue: ValidationIssue): string {
  // A top-level pointer the message already names in quotes ('qty', 'coin') would only repeat it.
  const name = issue.pointer.replace(/^\//, '');
  const named = !name.includes('/') && issue.message.includes(`'${name}'`);
  return issue.pointer === '' || named ? `${issue.location}: ${issue.message}` : `${issue.location} ${issue.pointer}: ${issue.message}`;
}

/** The first `limit` issues of a failed parse as lines, e.g. for a response that breaks its schema. */
export function issueLines(error: z.ZodError, location: IssueLocation = 'body', limit = 5): string[] {
  const all = validationIssues(error, location);
  const lines = all.slice(0, limit).map(issueLine);
  const more = all.length - limit;
  return more > 0 ? [...lines, `… and ${more} more`] : lines;
}
