import type { Command } from "commander";

/** Every command's declaration; each calls its function in src/commands/. */
export function registerCommands(_program: Command): void {}
