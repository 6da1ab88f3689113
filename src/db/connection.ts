import { totalmem } from "node:os";
import { type DuckDBConnection, DuckDBInstance, type DuckDBValue } from "@duckdb/node-api";
import { UserError } from "../errors.js";
import { loadQuery } from "./queries.js";
import { quoteString } from "./quote.js";

export type Params = Record<string, DuckDBValue | undefined>;
export type Row = Record<string, unknown>;

/**
 * A DuckDB database: the only object in Handoff that talks to @duckdb/node-api.
 *
 * Results come back as plain JS values: BIGINT and HUGEINT become numbers (throwing if one is
 * beyond 2^53, which would be a bug for counts), DECIMAL numbers, DATE and TIMESTAMP `Date`s.
 */
export class Db {
  readonly path: string;
  private readonly instance: DuckDBInstance;
  private readonly connection: DuckDBConnection;
  private inTransaction = false;
  /** Query files run by execOnce on this connection. */
  private readonly executedOnce = new Set<string>();

  private constructor(path: string, instance: DuckDBInstance, connection: DuckDBConnection) {
    this.path = path;
    this.instance = instance;
    this.connection = connection;
  }

  /** Open (or create) a database file; `:memory:` for an in-memory one. */
  static async open(path = ":memory:"): Promise<Db> {
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(path);
    } catch (error) {
      throw new UserError(`cannot open database ${path}: ${(error as Error).message}`, {
        cause: error,
      });
    }
    const connection = await instance.connect();
    // Timestamps are stored as UTC; session-level so TIMESTAMPTZ casts never use the host zone.
    await connection.run("SET TimeZone = 'UTC'");
    try {
      await applyResourceSettings(connection, path);
    } catch (error) {
      connection.closeSync();
      instance.closeSync();
      throw error;
    }
    return new Db(path, instance, connection);
  }

  /** Run SQL (one or more statements) for its effect. */
  async run(sql: string, params?: Params): Promise<void> {
    // a statement run for its effect is profiled in place of running it: EXPLAIN ANALYZE
    // executes it, so it runs once (CREATE TABLE ... AS would fail the second time)
    if (await this.explain(sql, params)) return;
    const started = performance.now();
    await this.connection.run(sql, cleanParams(sql, params));
    trace(sql, started);
  }

  /** Run SQL and return its rows as objects. */
  async all<T = Row>(sql: string, params?: Params): Promise<T[]> {
    await this.explain(sql, params);
    const started = performance.now();
    const reader = await this.connection.runAndReadAll(sql, cleanParams(sql, params));
    trace(sql, started);
    return reader.getRowObjectsJS().map((row) => normaliseRow(row) as T);
  }

  /** Run SQL and return its result as columns (for arquero tables). */
  async columns(sql: string, params?: Params): Promise<Record<string, unknown[]>> {
    const started = performance.now();
    const reader = await this.connection.runAndReadAll(sql, cleanParams(sql, params));
    trace(sql, started);
    const columns = reader.getColumnsObjectJS();
    const out: Record<string, unknown[]> = {};
    for (const [name, values] of Object.entries(columns)) out[name] = values.map(normaliseValue);
    return out;
  }

  /** The rows of a named query file (`queries/<name>.sql`). */
  async query<T = Row>(name: string, params?: Params): Promise<T[]> {
    return this.all<T>(loadQuery(name), params);
  }

  /** Run a named query file for its effect. */
  async exec(name: string, params?: Params): Promise<void> {
    await this.run(loadQuery(name), params);
  }

  /**
   * Run a named query file for its effect once per open database: for idempotent definitions
   * (features/macros.sql: CREATE OR REPLACE MACRO) that several stages of one command need.
   * Within one process the file cannot change, so running it again would only redo the same
   * catalog writes. A run inside a transaction is not remembered (a rollback would undo it).
   */
  async execOnce(name: string): Promise<void> {
    if (this.executedOnce.has(name)) return;
    await this.exec(name);
    if (!this.inTransaction) this.executedOnce.add(name);
  }

  /**
   * Run `fn` in one transaction: all of its writes land, or none do (also when the process is
   * killed half-way: DuckDB's WAL only replays committed transactions).
   */
  async transaction<T>(fn: () => Promise<T>): Promise<T> {
    if (this.inTransaction) return fn();
    await this.run("BEGIN TRANSACTION");
    this.inTransaction = true;
    try {
      const result = await fn();
      await this.run("COMMIT");
      return result;
    } catch (error) {
      await this.run("ROLLBACK").catch(() => undefined);
      throw error;
    } finally {
      this.inTransaction = false;
    }
  }

  /** Does a table (or view) of that name exist in the main schema? */
  async hasTable(name: string): Promise<boolean> {
    const rows = await this.all<{ n: number }>(
      "SELECT count(*)::INTEGER AS n FROM information_schema.tables WHERE table_schema = 'main' AND table_name = $name",
      { name },
    );
    return (rows[0]?.n ?? 0) > 0;
  }

  /** Column names of a table, in order. */
  async tableColumns(name: string): Promise<{ name: string; type: string }[]> {
    return this.all<{ name: string; type: string }>(
      "SELECT column_name AS name, data_type AS type FROM information_schema.columns WHERE table_schema = 'main' AND table_name = $name ORDER BY ordinal_position",
      { name },
    );
  }

  /**
   * With HANDOFF_EXPLAIN_SQL=<text>, a statement whose text contains <text> is run under
   * EXPLAIN ANALYZE and its profile goes to stderr. EXPLAIN ANALYZE executes the statement with
   * its effects: `run` stops there (the statement ran once); `all` and friends then run a query
   * again to read its rows (reads have no effect to repeat). Returns whether it ran.
   */
  private async explain(sql: string, params?: Params): Promise<boolean> {
    const needle = process.env.HANDOFF_EXPLAIN_SQL;
    if (!needle || !sql.includes(needle)) return false;
    const body = sql.replace(/^(\s*--[^\n]*\n)*/, "");
    const reader = await this.connection.runAndReadAll(
      `EXPLAIN ANALYZE ${body}`,
      cleanParams(sql, params),
    );
    for (const row of reader.getRowObjectsJS())
      process.stderr.write(`${String(row.explain_value ?? "")}\n`);
    return true;
  }

  close(): void {
    this.connection.closeSync();
    this.instance.closeSync();
  }
}

/**
 * DuckDB's memory_limit when HANDOFF_MEMORY_LIMIT is not set: 640 MiB, or half the machine's
 * RAM if that is less. DuckDB's own default is 80% of RAM, which lets one stage take most of a
 * laptop (fit reached 19 GiB at 1M leads); with a limit the big sorts, joins and aggregates
 * spill to the temp directory instead, and a stage's peak RSS stays near the limit plus what
 * Node and DuckDB hold outside its buffer manager (about 0.5–0.7 GiB at 1M leads). With 1 GiB
 * the fit peaked at 1.57 GiB at 1M, with 768 MiB at 1.43–1.47 GiB; with 640 MiB every stage
 * stays under 1.3 GiB for about 1.5 s more in features (measurements: docs/bench.md).
 */
export const DEFAULT_MEMORY_LIMIT_BYTES = 640 * 1024 ** 2;

/** The memory_limit Handoff sets, as DuckDB accepts it ("640MiB"), or null for DuckDB's own. */
export function memoryLimitSetting(
  env: NodeJS.ProcessEnv = process.env,
  machineBytes: number = totalmem(),
): string | null {
  const value = env.HANDOFF_MEMORY_LIMIT?.trim();
  if (value === undefined || value === "") {
    const bytes = Math.min(DEFAULT_MEMORY_LIMIT_BYTES, Math.floor(machineBytes / 2));
    return `${Math.floor(bytes / 1024 ** 2)}MiB`;
  }
  if (value.toLowerCase() === "duckdb") return null;
  return value;
}

/**
 * Memory limit and spill folder of a new connection: HANDOFF_MEMORY_LIMIT (a size DuckDB
 * accepts, e.g. 1GB or 1536MiB; "duckdb" for DuckDB's default of 80% of RAM) else the default
 * above; HANDOFF_TEMP_DIRECTORY else `<database file>.tmp` next to the database (DuckDB removes
 * its spill files when done). An in-memory database keeps DuckDB's own temp folder.
 */
async function applyResourceSettings(connection: DuckDBConnection, path: string): Promise<void> {
  const limit = memoryLimitSetting();
  if (limit !== null) {
    try {
      await connection.run(`SET memory_limit = ${quoteString(limit)}`);
    } catch (error) {
      throw new UserError(
        `HANDOFF_MEMORY_LIMIT="${limit}" is not a memory size DuckDB accepts (e.g. 1GB, 1536MiB, or "duckdb" for DuckDB's default): ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
  const temp =
    process.env.HANDOFF_TEMP_DIRECTORY?.trim() || (path === ":memory:" ? null : `${path}.tmp`);
  if (temp) {
    try {
      await connection.run(`SET temp_directory = ${quoteString(temp)}`);
    } catch (error) {
      throw new UserError(
        `cannot use ${temp} as DuckDB's temp directory: ${(error as Error).message}`,
        { cause: error },
      );
    }
  }
}

/** Open a database, run `fn`, and close it whatever happens. */
export async function withDb<T>(path: string, fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open(path);
  try {
    return await fn(db);
  } finally {
    db.close();
  }
}

/**
 * With HANDOFF_TRACE_SQL set, every statement's wall time and its first line go to stderr
 * (`[sql 1234 ms] CREATE TEMP TABLE ...`): how the benchmark finds the slow queries.
 */
const TRACE = Boolean(process.env.HANDOFF_TRACE_SQL);
function trace(sql: string, started: number): void {
  if (!TRACE) return;
  const ms = performance.now() - started;
  const text = sql.replace(/\s+/g, " ").trim().slice(0, 160);
  process.stderr.write(`[sql ${ms.toFixed(0).padStart(6)} ms] ${text}\n`);
}

/**
 * Bind only the parameters the SQL uses (DuckDB refuses unused ones), so a caller can pass one
 * set of parameters to SQL that is assembled from optional parts.
 */
function cleanParams(
  sql: string,
  params: Params | undefined,
): Record<string, DuckDBValue> | undefined {
  if (params === undefined) return undefined;
  const out: Record<string, DuckDBValue> = {};
  for (const [key, value] of Object.entries(params)) {
    if (new RegExp(`\\$${key}\\b`).test(sql)) out[key] = value === undefined ? null : value;
  }
  return out;
}

function normaliseRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [key, value] of Object.entries(row)) out[key] = normaliseValue(value);
  return out;
}

export function normaliseValue(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value > BigInt(Number.MAX_SAFE_INTEGER) || value < BigInt(Number.MIN_SAFE_INTEGER)) {
      throw new Error(`integer ${value} from DuckDB is beyond 2^53; cast it in SQL`);
    }
    return Number(value);
  }
  if (Array.isArray(value)) return value.map(normaliseValue);
  return value;
}
