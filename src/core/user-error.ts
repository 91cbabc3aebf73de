/** An error meant for the person who gave the input (CLI, library or server caller): printed as one or more lines, never as a stack. */
export class UserError extends Error {
  /** lines: what went wrong, one problem per line; exitCode: the process exit status. */
  constructor(
    readonly lines: readonly string[],
    readonly exitCode = 1,
  ) {
    super(lines.join("\n"));
    this.name = "UserError";
  }
}
