/** An error meant for the person at the terminal: printed as one or more lines, never as a stack. */
export class CliError extends Error {
  /** lines: what went wrong, one problem per line; exitCode: the process exit status. */
  constructor(
    readonly lines: readonly string[],
    readonly exitCode = 1,
  ) {
    super(lines.join("\n"));
    this.name = "CliError";
  }
}
