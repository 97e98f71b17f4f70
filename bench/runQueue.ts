/**
 * How long the OS kept this thread waiting for a CPU while it was ready to run: the second field
 * of Linux's /proc/thread-self/schedstat (run-queue wait, ns). On a shared machine that wait is
 * most of a slow sample's wall time; subtracting it leaves the time the extension's code (and
 * its garbage collection) really took. Undefined where the file does not exist.
 */
import * as fs from 'node:fs';

const schedstat = '/proc/thread-self/schedstat';
const available = fs.existsSync(schedstat);

/** The thread's total run-queue wait so far in ms, or undefined off Linux. */
export function runQueueWaitMs(): number | undefined {
  if (!available) return undefined;
  const waitNs = fs.readFileSync(schedstat, 'utf8').split(' ')[1];
  return waitNs === undefined ? undefined : Number(waitNs) / 1e6;
}
