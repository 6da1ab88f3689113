import { type Db, type Params, quoteIdent } from "../db/index.js";

/**
 * Above this share of a table's rows, {@link removeRows} rebuilds the table instead of deleting:
 * DuckDB deletes from a table with a PRIMARY KEY slowly (the index entries go at COMMIT), about
 * 70 µs a row against about 2 µs a row for copying the rows kept. Measured at 300k leads
 * reloaded: DELETE + COMMIT 21.6 s, rebuild 2 s.
 */
const REBUILD_SHARE = 1 / 30;

/**
 * Remove the rows of `table` that `where` selects (an SQL condition over the table's columns;
 * values are bound `params`, never pasted into it), inside the
 * caller's transaction, as the load does before it inserts a file's rows again.
 *
 * A few rows go with DELETE. When they are a large share of the table (a re-export of the same
 * file replaces all of its rows), the table is rebuilt instead: a new table from the same
 * definition (duckdb_tables().sql: columns, extra columns added since, PRIMARY KEY), the rows
 * kept copied over in their order, the old table dropped and the new one renamed. Both run in
 * the load's transaction, so an interrupted load leaves the table as it was.
 * Returns how many rows were removed.
 */
export async function removeRows(
  db: Db,
  table: string,
  where: string,
  params: Params = {},
): Promise<number> {
  const ident = quoteIdent(table);
  const [counts] = await db.all<{ removed: number; total: number }>(
    `SELECT (count(*) FILTER (WHERE ${where}))::BIGINT AS removed, count(*)::BIGINT AS total FROM ${ident}`,
    params,
  );
  const removed = counts?.removed ?? 0;
  const total = counts?.total ?? 0;
  if (removed === 0) return 0;
  const definition = removed >= total * REBUILD_SHARE ? await tableDefinition(db, table) : null;
  if (definition === null) {
    await db.run(`DELETE FROM ${ident} WHERE ${where}`, params);
    return removed;
  }
  const next = `${table}__next`;
  await db.run(`DROP TABLE IF EXISTS ${quoteIdent(next)}`);
  await db.run(
    definition.replace(
      definition.slice(0, definition.indexOf("(")),
      `CREATE TABLE ${quoteIdent(next)}`,
    ),
  );
  await db.run(
    `INSERT INTO ${quoteIdent(next)} SELECT * FROM ${ident} WHERE NOT coalesce(${where}, false)`,
    params,
  );
  await db.run(`DROP TABLE ${ident}`);
  await db.run(`ALTER TABLE ${quoteIdent(next)} RENAME TO ${ident}`);
  return removed;
}

/**
 * The CREATE TABLE statement of a table of the main schema as DuckDB keeps it, when it is the
 * plain `CREATE TABLE <name>(…)` this module can rename; null otherwise (then rows are deleted).
 */
async function tableDefinition(db: Db, table: string): Promise<string | null> {
  const [row] = await db.all<{ sql: string | null }>(
    "SELECT sql FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = $table AND NOT temporary",
    { table },
  );
  const sql = row?.sql ?? null;
  if (sql === null) return null;
  const head = sql.slice(0, sql.indexOf("("));
  return head === `CREATE TABLE ${table}` || head === `CREATE TABLE ${quoteIdent(table)}`
    ? sql
    : null;
}
