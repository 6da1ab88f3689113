import { randomBytes } from "node:crypto";
import { open, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/**
 * Write `content` (text, bytes, or text in pieces from an async iterable, written as they come:
 * a large CSV need never be one string) to `path` so that readers see either the old file or the whole new one,
 * never a half-written file: write a temporary file in the same folder (same file system, so
 * the rename is atomic), flush it to disk, then rename it over `path`. On any failure the
 * temporary file is removed and the error propagates; an existing `path` is left untouched.
 *
 * For commands (reports, SVGs, models): `src/report/` and the stages never write files.
 * The folder must exist.
 */
export async function writeFileAtomic(
  path: string,
  content: string | Uint8Array | AsyncIterable<string>,
): Promise<void> {
  const temp = join(
    dirname(path),
    `.${basename(path)}.${process.pid}.${randomBytes(6).toString("hex")}.tmp`,
  );
  try {
    const handle = await open(temp, "wx");
    try {
      if (typeof content === "string") await handle.writeFile(content, "utf8");
      else if (content instanceof Uint8Array) await handle.writeFile(content);
      // writeFile on a handle writes from the current position, whole (write() may stop short)
      else for await (const piece of content) await handle.writeFile(piece, "utf8");
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}
