/**
 * A named point where a test can kill the process, to check that a command interrupted there
 * leaves its outputs whole: when the environment variable `HANDOFF_FAULT_AT` equals `name`,
 * the process sends itself SIGKILL (no cleanup, no exit handlers: as a power cut or `kill -9`
 * would). Otherwise nothing happens. Used by `handoff recalibrate`
 * (test/integration/recalibrate-faults.test.ts).
 */
export function faultPoint(name: string): void {
  if (process.env.HANDOFF_FAULT_AT === name) process.kill(process.pid, "SIGKILL");
}
