/**
 * Stands in for wordpress.org: serves Debian's WordPress tree as a release tarball (top-level
 * `wordpress/`, like the real one) with its checksum published beside it, over HTTPS on
 * loopback (a throwaway certificate the bootstrap's curl trusts through CURL_CA_BUNDLE). A
 * download can be held (to look at the web server while WordPress is "still downloading") or
 * served damaged: the checksum must catch it.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { WORDPRESS_TREE, type Tools } from './prerequisites';
import { selfSigned } from './util';

/** Builds the release tarball from Debian's tree (its links followed; its wp-config.php left out). */
export function buildTarball(dir: string): Buffer {
  const file = join(dir, 'wordpress.tar.gz');
  const r = spawnSync(
    'tar',
    ['-czhf', file, '--exclude=./wp-config.php', '--transform=s,^\\.,wordpress,', '-C', WORDPRESS_TREE, '.'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`tar failed: ${r.stderr}`);
  return readFileSync(file);
}

export const digest = (algorithm: 'md5' | 'sha1', data: Buffer): string =>
  createHash(algorithm).update(data).digest('hex');

/**
 * The same files in a valid archive, compressed differently: only the published checksum can
 * tell it is not the release (a tampered or swapped download looks like this).
 */
export const recompressed = (data: Buffer): Buffer => gzipSync(gunzipSync(data), { level: 1 });

/** The same bytes with a few flipped in the middle: same length, another checksum. */
function damaged(data: Buffer): Buffer {
  const copy = Buffer.from(data);
  for (let i = 0; i < 16; i++) copy[Math.floor(copy.length / 2) + i] ^= 0xff;
  return copy;
}

export class DownloadServer {
  /** Every path requested, in order. */
  readonly requests: string[] = [];
  private readonly files = new Map<string, Buffer>();
  /** Paths whose next responses are damaged, with how many. */
  private readonly damagedNext = new Map<string, number>();
  private held: { until: Promise<void>; release: () => void } | undefined;

  private readonly server: Server;

  private constructor(
    key: Buffer,
    cert: Buffer,
    /** The certificate to trust (CURL_CA_BUNDLE). */
    readonly caFile: string,
  ) {
    this.server = createServer({ key, cert }, (req, res) => void this.answer(req.url ?? '/', res));
  }

  static async start(tools: Pick<Tools, 'openssl'>, dir: string): Promise<DownloadServer> {
    mkdirSync(dir, { recursive: true });
    const { cert, key } = selfSigned(tools.openssl, dir, 'download', '/CN=127.0.0.1', 'IP:127.0.0.1');
    const downloads = new DownloadServer(readFileSync(key), readFileSync(cert), cert);
    await new Promise<void>((resolve) => downloads.server.listen(0, '127.0.0.1', resolve));
    return downloads;
  }

  get port(): number {
    return (this.server.address() as { port: number }).port;
  }

  url(path: string): string {
    return `https://127.0.0.1:${this.port}${path}`;
  }

  publish(path: string, data: Buffer): void {
    this.files.set(path, data);
  }

  /** The next `times` responses for `path` are damaged copies. */
  damageNext(path: string, times: number): void {
    this.damagedNext.set(path, times);
  }

  /** Tarball requests wait until `release()`. */
  hold(): void {
    let release = () => {};
    const until = new Promise<void>((r) => (release = r));
    this.held = { until, release };
  }

  release(): void {
    this.held?.release();
    this.held = undefined;
  }

  requestsFor(path: string): number {
    return this.requests.filter((p) => p === path).length;
  }

  private async answer(path: string, res: ServerResponse): Promise<void> {
    this.requests.push(path);
    const data = this.files.get(path);
    if (!data) {
      res.writeHead(404).end('not found');
      return;
    }
    if (path.endsWith('.tar.gz') && this.held) await this.held.until;
    const left = this.damagedNext.get(path) ?? 0;
    if (left > 0) this.damagedNext.set(path, left - 1);
    res.writeHead(200, { 'content-length': data.length }).end(left > 0 ? damaged(data) : data);
  }

  async stop(): Promise<void> {
    this.release();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}
