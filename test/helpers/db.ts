import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Db } from "../../src/db/index.js";

/** Run `fn` with a fresh in-memory database holding the canonical schema. */
export async function withConnection<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const db = await Db.open(":memory:");
  try {
    await db.exec("load/schema");
    return await fn(db);
  } finally {
    db.close();
  }
}

/** A fresh temp folder. */
export function tempDir(prefix = "handoff-test-"): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Write `files` (name → content) into a fresh temp folder and return its path. */
export function writeFiles(files: Record<string, string | Buffer>): string {
  const dir = tempDir();
  for (const [name, content] of Object.entries(files)) writeFileSync(join(dir, name), content);
  return dir;
}
