/**
 * One stand-in for an EC2 web server: a scratch root the rendered user data and bootstrap work
 * under, its own Apache (Debian's, with mod_php standing in for php-fpm) on a free loopback
 * port, and the stubs of test/helpers/al2023-stubs.ts on its PATH for what only exists on AL2023
 * or AWS (systemctl starts this Apache; aws answers from the test's "cloud" directory). curl, tar,
 * php, sha256sum, … are the real ones.
 */
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, closeSync, existsSync, mkdirSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { renderUserData } from '../../../src/workflows/userdata/wordpress';
import type { UserDataParams } from '../../../src/workflows/userdata/params';
import { Cloud } from '../../helpers/al2023-stubs';
import type { Tools } from './prerequisites';
import { alive, exited, freePort, stopPid } from './util';

export interface Boot {
  /** Everything the run printed so far (stdout and stderr). */
  output(): string;
  /** The exit code, once it has exited. */
  done: Promise<number | null>;
  running(): boolean;
  /** Stops this run (its process group: bash and what it waits on). */
  stop(): void;
}

const asRoot = process.getuid?.() === 0;

export class WebServer {
  readonly root: string;
  /** The bootstrap's TMPDIR (scanned for leaks like the rest). */
  readonly tmp: string;
  readonly apacheDir: string;
  readonly stubState: string;
  private boots = 0;
  private readonly started: Boot[] = [];

  private constructor(
    readonly dir: string,
    private readonly tools: Tools,
    private readonly bin: string,
    private readonly cloud: Cloud,
    readonly params: UserDataParams,
    readonly port: number,
    private readonly caFile: string,
  ) {
    this.root = params.root!;
    this.tmp = join(dir, 'tmp');
    this.apacheDir = join(dir, 'apache');
    this.stubState = join(dir, 'stub-state');
  }

  /** Makes the scratch directories and this server's Apache configuration. */
  static async create(o: {
    dir: string;
    tools: Tools;
    bin: string;
    cloud: Cloud;
    caFile: string;
    params: Omit<UserDataParams, 'root'>;
  }): Promise<WebServer> {
    const port = await freePort();
    const w = new WebServer(
      o.dir,
      o.tools,
      o.bin,
      o.cloud,
      { ...o.params, root: join(o.dir, 'root') },
      port,
      o.caFile,
    );
    for (const d of [o.dir, w.root, w.tmp, w.apacheDir, join(w.apacheDir, 'run'), w.stubState]) {
      mkdirSync(d, { recursive: true });
      chmodSync(d, 0o755); // Apache's user walks down to the site
    }
    writeFileSync(w.apacheConf, w.apacheConfig());
    return w;
  }

  get apacheConf(): string {
    return join(this.apacheDir, 'httpd.conf');
  }

  get apachePidFile(): string {
    return join(this.apacheDir, 'httpd.pid');
  }

  get siteDir(): string {
    return join(this.root, 'var/www/sitebot');
  }

  get bootstrapPath(): string {
    return join(this.root, 'usr/local/sbin/sitebot-wordpress');
  }

  /** AL2023's httpd.conf stands in as this; the bootstrap's drop-in is included as conf.d would be. */
  private apacheConfig(): string {
    const d = this.apacheDir;
    return [
      'ServerName localhost',
      `Listen 127.0.0.1:${this.port}`,
      `PidFile ${this.apachePidFile}`,
      `DefaultRuntimeDir ${d}/run`,
      `Mutex file:${d}/run default`,
      `ErrorLog ${d}/error.log`,
      'LogFormat "%h %l %u %t \\"%r\\" %>s %b" common',
      `CustomLog ${d}/access.log common`,
      ...['mpm_prefork', 'authz_core', 'dir', 'mime'].map(
        (m) => `LoadModule ${m}_module /usr/lib/apache2/modules/mod_${m}.so`,
      ),
      `LoadModule php_module ${this.tools.modPhp}`,
      ...(existsSync('/etc/mime.types') ? ['TypesConfig /etc/mime.types'] : []),
      ...(asRoot ? ['User www-data', 'Group www-data'] : []),
      'StartServers 2',
      '<FilesMatch "\\.php$">',
      '    SetHandler application/x-httpd-php',
      '</FilesMatch>',
      '<Directory />',
      '    AllowOverride None',
      '    Require all denied',
      '</Directory>',
      `IncludeOptional ${this.root}/etc/httpd/conf.d/*.conf`,
      '',
    ].join('\n');
  }

  private env(): NodeJS.ProcessEnv {
    return {
      PATH: `${this.bin}:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin`,
      HOME: this.dir,
      TMPDIR: this.tmp,
      LANG: 'C.UTF-8',
      STUB_LOG: join(this.dir, 'calls.log'),
      STUB_STATE: this.stubState,
      CLOUD: this.cloud.dir,
      WEB_USER: asRoot ? 'www-data' : (process.env.USER ?? 'root'),
      APACHE_BIN: this.tools.apache,
      APACHE_CONF: this.apacheConf,
      APACHE_PID: this.apachePidFile,
      CURL_CA_BUNDLE: this.caFile,
    };
  }

  /** Runs the rendered user data (cloud-init's part): it installs the bootstrap and the unit. */
  runUserData(): { status: number | null; output: string } {
    const file = join(this.dir, 'user-data.sh');
    writeFileSync(file, renderUserData(this.params));
    const r = spawnSync('bash', [file], { env: this.env(), encoding: 'utf8' });
    return { status: r.status, output: r.stdout + r.stderr };
  }

  /** Starts the installed bootstrap as the unit would (systemd stands aside: this is the boot). */
  boot(): Boot {
    const log = join(this.dir, `boot-${++this.boots}.log`);
    const fd = openSync(log, 'w');
    // Output goes to a file: the Apache it starts may keep the descriptors open.
    const child = spawn('bash', [this.bootstrapPath], {
      env: this.env(),
      stdio: ['ignore', fd, fd],
      detached: true, // its own process group, so stop() reaches the PHP it waits on
    });
    closeSync(fd);
    const boot: Boot = {
      output: () => readFileSync(log, 'utf8'),
      done: exited(child),
      running: () => child.exitCode === null && child.signalCode === null,
      stop: () => {
        if (boot.running() && child.pid !== undefined) process.kill(-child.pid, 'SIGTERM');
      },
    };
    this.started.push(boot);
    return boot;
  }

  /** Stops every boot of this server still running (a failed test may leave one waiting). */
  async stopBoots(): Promise<void> {
    for (const b of this.started) b.stop();
    await Promise.all(this.started.map((b) => b.done));
  }

  /** Every boot's output so far. */
  outputs(): string {
    let all = '';
    for (let i = 1; i <= this.boots; i++) all += readFileSync(join(this.dir, `boot-${i}.log`), 'utf8');
    return all;
  }

  calls(): string[] {
    const file = join(this.dir, 'calls.log');
    return existsSync(file) ? readFileSync(file, 'utf8').trim().split('\n') : [];
  }

  /** GET through this server's Apache, with the Host the ALB would forward. */
  get(path: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        { host: '127.0.0.1', port: this.port, path, headers: { host: this.params.siteHost } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
          );
        },
      );
      req.on('error', reject);
      req.setTimeout(60_000, () => req.destroy(new Error(`GET ${path}: no answer in 60 s`)));
      req.end();
    });
  }

  /** The status of `path`, or 0 while nothing listens. */
  async status(path: string): Promise<number> {
    try {
      return (await this.get(path)).status;
    } catch {
      return 0;
    }
  }

  /** Stops the Apache the systemctl stub started for this server (its pid file names it). */
  async stopApache(): Promise<void> {
    if (!existsSync(this.apachePidFile)) return;
    const pid = Number(readFileSync(this.apachePidFile, 'utf8').trim());
    if (pid > 0 && alive(pid)) await stopPid(pid);
  }
}
