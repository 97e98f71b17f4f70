import * as os from 'node:os';

/** Where the numbers came from: results on a busy 2-core machine differ from a quiet laptop. */
export function describeMachine() {
  const cpus = os.cpus();
  return {
    cpu: cpus[0]?.model.trim() ?? 'unknown',
    cores: cpus.length,
    memoryGB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.arch()} ${os.release()}`,
    /** 1, 5 and 15-minute load averages when the run started (other work on the machine). */
    loadAverage: os.loadavg().map((l) => Math.round(l * 100) / 100),
  };
}
