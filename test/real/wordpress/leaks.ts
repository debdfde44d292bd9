/**
 * Where a secret must never show: any process's argv or environment (sampled from /proc while
 * the bootstraps run), and any file but the one allowed to hold it.
 */
import { lstatSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function readProc(pid: string, what: 'cmdline' | 'environ'): string {
  try {
    return readFileSync(`/proc/${pid}/${what}`).toString('utf8').replace(/\0/g, ' ');
  } catch {
    return ''; // gone, or not ours to read
  }
}

/** Samples every process's argv and environment until stopped. */
export class ProcessWatch {
  samples = 0;
  /** Command lines seen that match `watchFor` (proof the sampling saw the run). */
  readonly seen = new Set<string>();
  /** "argv of pid N" / "environment of pid N" for each hit. */
  readonly leaks: string[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly secrets: readonly string[],
    private readonly watchFor: RegExp,
  ) {}

  start(everyMs = 20): void {
    this.timer = setInterval(() => this.sample(), everyMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    this.samples++;
    for (const pid of readdirSync('/proc')) {
      if (!/^\d+$/.test(pid)) continue;
      const argv = readProc(pid, 'cmdline');
      if (this.watchFor.test(argv)) this.seen.add(argv.trim());
      const env = readProc(pid, 'environ');
      for (const s of this.secrets) {
        if (argv.includes(s)) this.leaks.push(`argv of pid ${pid}: ${argv.replace(s, '<secret>')}`);
        if (env.includes(s)) this.leaks.push(`environment of pid ${pid}`);
      }
    }
  }
}

/** Every regular file under `dirs` (links not followed). */
export function filesUnder(...dirs: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = lstatSync(path);
      if (st.isDirectory()) walk(path);
      else if (st.isFile()) out.push(path);
    }
  };
  dirs.forEach(walk);
  return out;
}

/** The files among `files` that contain `secret`. */
export function filesContaining(secret: string, files: readonly string[]): string[] {
  const needle = Buffer.from(secret);
  return files.filter((f) => readFileSync(f).includes(needle));
}
