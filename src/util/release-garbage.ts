import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

let collect: (() => void) | undefined;

/**
 * Run V8's garbage collector now, so that memory the JavaScript side no longer uses goes back
 * before a large DuckDB statement. V8 collects when JavaScript allocates; while DuckDB works, it
 * allocates outside V8's heap, so garbage left by a step such as the fit's regression (its
 * patterns and design: about 450 MiB at a million leads) stayed resident through the scoring
 * that followed and set the stage's peak RSS. `--expose-gc` is enabled for this process and the
 * collector taken from a fresh context: Node has no other way to run it on demand.
 */
export function releaseGarbage(): void {
  if (collect === undefined) {
    setFlagsFromString("--expose-gc");
    collect = runInNewContext("gc") as () => void;
  }
  collect();
}
