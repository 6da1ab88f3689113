/**
 * Read the statement timings HANDOFF_TRACE_SQL writes to stderr (src/db/connection.ts):
 * `[sql   1234 ms] -- sweep: for every candidate threshold ...`.
 */
export interface TracedStatement {
  seconds: number;
  /** The statement's first 160 characters, whitespace collapsed (a named query starts with its comment). */
  text: string;
}

const LINE = /^\[sql\s+(\d+) ms\] (.*)$/;

export function parseSqlTrace(stderr: string): TracedStatement[] {
  const out: TracedStatement[] = [];
  for (const line of stderr.split("\n")) {
    const match = LINE.exec(line);
    if (match) out.push({ seconds: Number(match[1]) / 1000, text: match[2] ?? "" });
  }
  return out;
}
