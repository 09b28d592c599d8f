/**
 * Progress for long runs: a bar on an interactive stderr, nothing otherwise (CI logs
 * and --json pipes stay clean). Always stderr, never stdout.
 */
import cliProgress from 'cli-progress';

export interface Progress {
  tick(label: string): void;
  stop(): void;
}

const SILENT: Progress = { tick: () => {}, stop: () => {} };

export function progress(total: number, what: string, enabled = true): Progress {
  if (!enabled || !process.stderr.isTTY || process.env.CI || total < 2) return SILENT;
  const bar = new cliProgress.SingleBar(
    { stream: process.stderr, format: `${what} [{bar}] {value}/{total} {label}`, hideCursor: true, clearOnComplete: true },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    tick: (label) => bar.increment(1, { label }),
    stop: () => bar.stop(),
  };
}
