/**
 * Errors that cross the CLI boundary.
 *
 * A `UserError` is bad input, config or data: the CLI prints its message (no stack) and exits
 * with its `exitCode` (1). Anything else is a bug: "Unexpected error", exit 2, stack with --debug.
 */
export class UserError extends Error {
  readonly exitCode: number;
  /** Where the problem is, when it comes from a file: shown before the message. */
  readonly location: ErrorLocation | undefined;

  constructor(
    message: string,
    options: { cause?: unknown; location?: ErrorLocation; exitCode?: number } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "UserError";
    this.exitCode = options.exitCode ?? 1;
    this.location = options.location;
  }
}

export interface ErrorLocation {
  file: string;
  line?: number;
  column?: string;
}

/** `file:line (column "x")`, the prefix every located message starts with. */
export function formatLocation(location: ErrorLocation): string {
  let text = location.file;
  if (location.line !== undefined) text += `:${location.line}`;
  if (location.column !== undefined) text += ` (column "${location.column}")`;
  return text;
}

export function isUserError(error: unknown): error is UserError {
  return error instanceof UserError;
}
