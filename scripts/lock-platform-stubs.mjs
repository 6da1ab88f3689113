#!/usr/bin/env node
// The npm registry reachable here serves only the linux-x64 builds of packages that ship one
// package per platform (@biomejs/cli-*, @duckdb/node-bindings-*). `npm install` then leaves the
// other platforms out of package-lock.json, and `npm ci` refuses the lock as "out of sync".
// This script adds lock entries for the missing platform packages with their os/cpu/libc, so
// npm ci skips them as incompatible instead of failing. Run it after any `npm install`:
//   npm install && node scripts/lock-platform-stubs.mjs
import { readFileSync, writeFileSync } from "node:fs";

const lockPath = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(readFileSync(lockPath, "utf8"));
const packages = lock.packages;
let added = 0;
for (const [path, entry] of Object.entries(packages)) {
  for (const [name, version] of Object.entries(entry.optionalDependencies ?? {})) {
    const key = `node_modules/${name}`;
    if (packages[key] || packages[`${path}/${key}`]) continue;
    const m = /-(android|darwin|linux|win32|freebsd)-(arm64|x64|ia32|arm)(-musl)?$/.exec(name);
    if (!m) continue;
    packages[key] = {
      version,
      cpu: [m[2]],
      license: entry.license,
      optional: true,
      os: [m[1]],
      ...(m[3] ? { libc: ["musl"] } : {}),
    };
    added++;
  }
}
const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === "" ? -1 : b === "" ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(lockPath, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`lock-platform-stubs: added ${added} platform entries`);
