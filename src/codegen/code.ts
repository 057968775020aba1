// Tiny helpers for building readable TypeScript source text. Every emitter returns code as a
// string whose continuation lines are indented relative to column 0; nesting re-indents them.

const MAX_LINE = 88;

/** Indents every line but the first by two spaces (the first line continues the parent's). */
export function indentTail(code: string): string {
  return code.replace(/\n/g, '\n  ');
}

/**
 * Renders `open item, item close` on one line when short, otherwise one item per line with a
 * trailing comma (the style prettier would produce).
 */
export function list(open: string, items: string[], close: string): string {
  const flat = `${open}${items.join(', ')}${close}`;
  if (items.length === 0) return `${open}${close}`;
  if (flat.length <= MAX_LINE && !items.some((i) => i.includes('\n'))) return flat;
  return `${open}\n${items.map((i) => `  ${indentTail(i)},`).join('\n')}\n${close}`;
}

/** Like `list` but always multi-line: used for object shapes so diffs stay one line per key. */
export function block(open: string, items: string[], close: string): string {
  if (items.length === 0) return `${open}${close}`;
  return `${open}\n${items.map((i) => `  ${indentTail(i)},`).join('\n')}\n${close}`;
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/** An object key: bare when it is a plain identifier, otherwise a single-quoted string. */
export function propKey(name: string): string {
  return IDENT.test(name) ? name : str(name);
}

/** A single-quoted string literal (JSON escaping, then swap the quote style). */
export function str(value: string): string {
  const json = JSON.stringify(value).slice(1, -1).replace(/\\"/g, '"').replace(/'/g, "\\'");
  return `'${json}'`;
}

/** A JSON-compatible value as a TS literal, single-quoting strings for consistency. */
export function literal(value: unknown): string {
  if (typeof value === 'string') return str(value);
  if (Array.isArray(value)) return list('[', value.map(literal), ']');
  if (value !== null && typeof value === 'object') {
    return list('{ ', Object.entries(value).map(([k, v]) => `${propKey(k)}: ${literal(v)}`), ' }');
  }
  return JSON.stringify(value);
}

/**
 * `.default(...)` for a JSON value. Objects and arrays go through a function so that parses
 * never share (and mutate) one default instance.
 */
export function defaultCall(value: unknown): string {
  if (value === null || typeof value !== 'object') return `.default(${literal(value)})`;
  return Array.isArray(value) ? `.default(() => ${literal(value)})` : `.default(() => (${literal(value)}))`;
}

/** A regex for `.regex()`: a literal when that is unambiguous, else `new RegExp('...')`. */
export function regex(pattern: string): string {
  // Line terminators cannot appear in a literal (and '' would be a comment): use the constructor.
  if (pattern === '' || /[\n\r\u2028\u2029]/.test(pattern)) return `new RegExp(${str(pattern)})`;
  // An unescaped '/' would end the literal; '\/' means the same character in a RegExp.
  let out = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '\\') {
      out += c + (pattern[i + 1] ?? '');
      i++;
    } else {
      out += c === '/' ? '\\/' : c;
    }
  }
  return `/${out}/`;
}

/** Wraps text as a JSDoc comment, or returns '' when there is nothing to say. */
export function docComment(text: unknown): string {
  if (typeof text !== 'string' || text.trim() === '') return '';
  const lines = text.trim().replace(/\*\//g, '*\\/').split('\n');
  if (lines.length === 1) return `/** ${lines[0]} */\n`;
  return `/**\n${lines.map((l) => (l.trim() === '' ? ' *' : ` * ${l.trimEnd()}`)).join('\n')}\n */\n`;
}
