// Marked sections of a Markdown file that a generator owns:
//   <!-- generated:NAME (npm run docs) -->
//   …
//   <!-- /generated:NAME -->
// Everything between the markers is replaced; everything else stays the author's.

const begin = (name: string): string => `<!-- generated:${name} (npm run docs) -->`;
const end = (name: string): string => `<!-- /generated:${name} -->`;

/** The text between NAME's markers (trimmed), or undefined when the markers are missing. */
export function sectionOf(text: string, name: string): string | undefined {
  const from = text.indexOf(begin(name));
  const to = text.indexOf(end(name));
  if (from < 0 || to < from) return undefined;
  return text.slice(from + begin(name).length, to).trim();
}

/** `text` with NAME's section holding `content`; throws when the markers are missing. */
export function replaceSection(text: string, name: string, content: string): string {
  if (sectionOf(text, name) === undefined) throw new Error(`no ${begin(name)} … ${end(name)} markers`);
  const from = text.indexOf(begin(name)) + begin(name).length;
  return `${text.slice(0, from)}\n${content.trim()}\n${text.slice(text.indexOf(end(name)))}`;
}
