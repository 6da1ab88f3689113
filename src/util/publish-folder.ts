import { randomBytes } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import { writeFileAtomic } from "./write-file-atomic.js";

/**
 * Publish a set of files as one folder, all or nothing: each file is written with
 * `writeFileAtomic` (temp + fsync + rename) into a hidden staging folder next to `folder`, then
 * the staging folder is renamed to `folder` in one step. A process killed before that rename
 * leaves `folder` as it was (plus the hidden staging folder, which the next publish to the same
 * place removes); after it, `folder` is complete.
 *
 * When `folder` already exists (a re-run), the old one is first renamed to
 * `<folder>.replaced-<stamp>` (kept: a signed-off run is not destroyed by a re-run), and the new
 * one renamed in straight after: two renames with nothing in between.
 *
 * @param beforePublish called once every file is staged, before the rename (a fault point)
 * @returns where the replaced folder went, if any
 */
export async function publishFolder(
  folder: string,
  files: { name: string; content: string | Uint8Array }[],
  options: { stamp: string; beforePublish?: () => void },
): Promise<{ replaced: string | null }> {
  const parent = dirname(folder);
  await mkdir(parent, { recursive: true });
  const prefix = `.${basename(folder)}.`;
  // staging folders left by killed runs
  for (const entry of readdirSync(parent))
    if (entry.startsWith(prefix) && entry.endsWith(".staging"))
      await rm(join(parent, entry), { recursive: true, force: true });
  const staging = join(parent, `${prefix}${process.pid}.${randomBytes(4).toString("hex")}.staging`);
  await mkdir(staging);
  try {
    for (const file of files) await writeFileAtomic(join(staging, file.name), file.content);
    options.beforePublish?.();
    let replaced: string | null = null;
    if (existsSync(folder)) {
      replaced = `${folder}.replaced-${options.stamp.replace(/[^0-9A-Za-z]/g, "")}`;
      await rename(folder, replaced);
    }
    await rename(staging, folder);
    return { replaced };
  } catch (error) {
    await rm(staging, { recursive: true, force: true });
    throw error;
  }
}
