import { existsSync } from "node:fs";
import type { GlobalOptions, Output } from "../cli/output.js";
import { initTemplate } from "../config/init-template.js";
import { PRESET_NAMES, type PresetName } from "../config/presets.js";
import { UserError } from "../errors.js";
import { writeFileAtomic } from "../util/write-file-atomic.js";

export interface InitOptions extends GlobalOptions {
  preset: string;
  force?: boolean;
}

/** `handoff init`: write a commented handoff.yaml for a preset. */
export async function init(options: InitOptions, out: Output): Promise<{ file: string }> {
  if (!PRESET_NAMES.includes(options.preset as PresetName)) {
    throw new UserError(
      `unknown preset "${options.preset}": choose one of ${PRESET_NAMES.join(", ")}`,
    );
  }
  const file = options.config;
  if (existsSync(file) && !options.force) {
    throw new UserError(`${file} already exists: edit it, or pass --force to overwrite it`);
  }
  await writeFileAtomic(file, initTemplate(options.preset as PresetName));
  if (options.json) out.json({ file, preset: options.preset });
  else
    out.result(
      `wrote ${file} (preset ${options.preset}): set the export paths under sources:, then run handoff load`,
    );
  return { file };
}
