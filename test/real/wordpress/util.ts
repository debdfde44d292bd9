/** Small pieces the real-run harness shares: deadlines, free ports, stopping what it started. */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';

/**
 * Polls `check` every `everyMs` until it returns something other than undefined; throws
 * `<what>: not within <n> s` at the deadline. Deadlines are generous: CI machines are busy.
 */
export async function until<T>(
  what: string,
  check: () => T | undefined | Promise<T | undefined>,
  timeoutMs = 120_000,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * A TCP port nothing listens on right now (loopback), for a server started later by another
 * program (MariaDB, Apache). Taken below Linux's ephemeral range (32768–60999): a port from there
 * can be handed, between this check and that server's bind, to any of the suite's outgoing
 * connections or port-0 listeners in other workers, and the server then fails to start.
 */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = 20_000 + Math.floor(Math.random() * 12_000);
    if (await bindable(port)) return port;
  }
  throw new Error('no free port found in 20000-31999');
}

function bindable(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** Whether process `pid` exists. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops a process this harness started (by its id): TERM, then KILL after the deadline. */
export async function stopPid(pid: number, timeoutMs = 30_000): Promise<void> {
  if (!alive(pid)) return;
  process.kill(pid, 'SIGTERM');
  try {
    await until(`process ${pid} to exit`, () => (alive(pid) ? undefined : true), timeoutMs, 100);
  } catch {
    if (alive(pid)) process.kill(pid, 'SIGKILL');
  }
}

/** The exit of a child process, as a promise. */
export function exited(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A throwaway self-signed certificate for `subject` (and `altName`), as `<name>.crt` and `<name>.key` in `dir`. */
export function selfSigned(
  openssl: string,
  dir: string,
  name: string,
  subject: string,
  altName?: string,
): { cert: string; key: string } {
  const cert = join(dir, `${name}.crt`);
  const key = join(dir, `${name}.key`);
  const ext = altName ? ['-addext', `subjectAltName=${altName}`] : [];
  const args = ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', subject, ...ext];
  const r = spawnSync(openssl, [...args, '-keyout', key, '-out', cert], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`openssl failed: ${r.stderr}`);
  return { cert, key };
}
