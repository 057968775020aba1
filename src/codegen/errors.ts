// One error type for everything the generator rejects, so the CLI can print it without a
// stack trace and tests can assert on the JSON pointer of the offending spec node.

export class CodegenError extends Error {
  constructor(
    message: string,
    /** JSON pointer (with leading '#') of the spec node the problem is about. */
    readonly pointer: string,
  ) {
    super(`${message} at ${pointer}`);
    this.name = 'CodegenError';
  }
}
