// An argv shown as a command someone can paste into a POSIX shell: arguments that the shell
// would split or expand are single-quoted, so `sh -c 'a; b'` reads as it was typed, not `sh -c a; b`.
const SAFE = /^[\w@%+=:,./-]+$/;

export function shellJoin(argv: readonly string[]): string {
  return argv.map((a) => (a !== '' && SAFE.test(a) ? a : `'${a.replace(/'/g, `'\\''`)}'`)).join(' ');
}
