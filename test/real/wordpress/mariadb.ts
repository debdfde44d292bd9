/**
 * A MariaDB server of the test's own: its datadir in a scratch directory, a free loopback port,
 * TLS with a throwaway certificate and `require_secure_transport=ON` (as RDS can be set), so the
 * site works only if WordPress really connects over TLS.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import type { Tools } from './prerequisites';
import { exited, freePort, selfSigned, stopPid, until } from './util';

export class MariaDb {
  private constructor(
    private readonly tools: Tools,
    private readonly child: ChildProcess,
    readonly port: number,
    private readonly socket: string,
    readonly errorLog: string,
    readonly generalLog: string,
  ) {}

  static async start(tools: Tools, dir: string): Promise<MariaDb> {
    const data = join(dir, 'data');
    mkdirSync(data, { recursive: true });
    const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
    const init = spawnSync(
      tools.installDb,
      [
        '--no-defaults',
        `--datadir=${data}`,
        '--auth-root-authentication-method=socket',
        '--skip-test-db',
        ...asRoot,
      ],
      { encoding: 'utf8' },
    );
    if (init.status !== 0) throw new Error(`mariadb-install-db failed: ${init.stderr}${init.stdout}`);
    const { cert, key } = selfSigned(tools.openssl, dir, 'server', '/CN=sitebot-test-db');
    const port = await freePort();
    const socket = join(dir, 'mysqld.sock');
    const errorLog = join(dir, 'error.log');
    const generalLog = join(dir, 'general.log');
    const child = spawn(
      tools.mariadbd,
      [
        '--no-defaults',
        `--datadir=${data}`,
        `--port=${port}`,
        '--bind-address=127.0.0.1',
        `--socket=${socket}`,
        `--pid-file=${join(dir, 'mysqld.pid')}`,
        `--log-error=${errorLog}`,
        `--general-log-file=${generalLog}`,
        `--ssl-cert=${cert}`,
        `--ssl-key=${key}`,
        '--require-secure-transport=ON',
        '--skip-name-resolve',
        ...asRoot,
      ],
      { stdio: 'ignore' },
    );
    const db = new MariaDb(tools, child, port, socket, errorLog, generalLog);
    try {
      await until('MariaDB to accept connections', () => {
        if (child.exitCode !== null) throw new Error(`mariadbd exited: ${db.log()}`);
        return existsSync(socket) && db.trySql('SELECT 1') !== undefined ? true : undefined;
      });
    } catch (err) {
      await db.stop();
      throw err;
    }
    return db;
  }

  private log(): string {
    return existsSync(this.errorLog) ? readFileSync(this.errorLog, 'utf8') : '';
  }

  /** Runs SQL as the server's root over the socket (on stdin: no value is ever in argv). */
  private trySql(sql: string, database = ''): string | undefined {
    const r = spawnSync(
      this.tools.client,
      [
        '--no-defaults',
        `--socket=${this.socket}`,
        `--user=${userInfo().username}`,
        '-N',
        '-B',
        ...(database ? [database] : []),
      ],
      { input: sql, encoding: 'utf8' },
    );
    return r.status === 0 ? r.stdout : undefined;
  }

  sql(sql: string, database = ''): string {
    const out = this.trySql(sql, database);
    if (out === undefined) throw new Error(`SQL failed: ${sql.split('\n')[0]}`);
    return out;
  }

  /** A single value from `sql` in the `wordpress` database. */
  value(sql: string): string {
    return this.sql(sql, 'wordpress').trim();
  }

  /** The RDS-like master user (before `logEveryStatement`: its password is in this statement). */
  createUser(user: string, password: string): void {
    this.sql(
      `CREATE USER '${user}'@'%' IDENTIFIED BY '${password}';\nGRANT ALL ON wordpress.* TO '${user}'@'%';`,
    );
  }

  /** A fresh, empty `wordpress` database. */
  resetWordPress(): void {
    this.sql('DROP DATABASE IF EXISTS wordpress;\nCREATE DATABASE wordpress;');
  }

  /** Every statement the server runs from now on is written to `generalLog`. */
  logEveryStatement(): void {
    this.sql("SET GLOBAL log_output = 'FILE'; SET GLOBAL general_log = 'ON';");
  }

  async stop(): Promise<void> {
    if (this.child.pid !== undefined) await stopPid(this.child.pid, 60_000);
    await exited(this.child);
  }
}
