/**
 * The web servers' user data run for real (issue 15): Debian's Apache + mod_php (for AL2023's
 * httpd + php-fpm), php-cli and MariaDB on loopback (for RDS MySQL, with TLS required), Debian's
 * WordPress tree served as the release tarball over HTTPS (for wordpress.org). Only what exists on
 * AL2023 or AWS alone is stubbed (test/helpers/al2023-stubs.ts). The tests run in order and share the servers:
 * each one starts from what the one before left, as boots of real web servers would.
 *
 * Skipped, saying so, only where the Debian packages are missing; `.ci/run` installs them and sets
 * SITEBOT_REAL_RUN=required, which turns a missing package into a failure.
 */
import { randomBytes } from 'node:crypto';
import {
  chmodSync,
  existsSync,
  lstatSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statfsSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { generatePassword } from '../../../src/workflows/create/steps/credentials';
import type { UserDataParams } from '../../../src/workflows/userdata/params';
import { buildTarball, digest, DownloadServer, recompressed } from './download-server';
import { filesContaining, filesUnder, ProcessWatch } from './leaks';
import { MariaDb } from './mariadb';
import { APT_PACKAGES, findTools, type Tools } from './prerequisites';
import { until } from './util';
import { Cloud, DB_INSTANCE_ID, SECRET_ID, writeStubs } from '../../helpers/al2023-stubs';
import { WebServer, type Boot } from './web-server';

const found = findTools();
const missing = 'missing' in found ? found.missing : [];
if (missing.length > 0 && process.env.SITEBOT_REAL_RUN === 'required') {
  throw new Error(
    `real-run test required, but missing: ${missing.join(', ')} (apt-get install -y ${APT_PACKAGES})`,
  );
}
const skipReason = `missing ${missing.join(', ')}: apt-get install -y ${APT_PACKAGES}`;
// A skip that says why (jest does not print the names of a skipped file's tests).
if (missing.length > 0) console.warn(`SKIPPED the real-run test of the user data: ${skipReason}`);
const describeReal = missing.length > 0 ? describe.skip : describe;
const suiteName =
  missing.length > 0
    ? `WordPress user data on real servers (SKIPPED: ${skipReason})`
    : 'WordPress user data on real servers';

const DB_USER = 'admin';
const DB_PASSWORD = generatePassword(randomBytes);
const ADMIN_PASSWORD = generatePassword(randomBytes);
const TITLE = 'sitebot デモ';
// The ALB's DNS name in production. Here an address, so that WordPress's own requests to its
// home (wp-cron) never make a DNS query off this machine.
const SITE_HOST = '127.0.0.1';
const RACE_TRIALS = 3;
const MINUTE = 60_000;

/** tmpfs when it has room: each server unpacks ~2,800 files, which a disk makes slow to write and remove. */
function scratchBase(): string {
  try {
    const fs = statfsSync('/dev/shm');
    if (fs.bavail * fs.bsize > 2 * 2 ** 30) return '/dev/shm';
  } catch {
    // no /dev/shm here
  }
  return tmpdir();
}

const TARBALL = '/ja/latest-ja.tar.gz';
const CORRUPT = '/en/latest.tar.gz';

describeReal(suiteName, () => {
  const tools = found as Tools;
  let scratch: string;
  let bin: string;
  let cloud: Cloud;
  let db: MariaDb;
  let downloads: DownloadServer;
  const servers: WebServer[] = [];
  const watch = new ProcessWatch([DB_PASSWORD, ADMIN_PASSWORD], /sitebot-wordpress/);

  beforeAll(async () => {
    scratch = mkdtempSync(join(scratchBase(), 'sitebot-wp-'));
    chmodSync(scratch, 0o755);
    bin = join(scratch, 'bin');
    writeStubs(bin);
    cloud = new Cloud(join(scratch, 'cloud'));
    cloud.setSecret(
      JSON.stringify({
        username: DB_USER,
        password: DB_PASSWORD,
        wpAdminUser: 'admin',
        wpAdminPassword: ADMIN_PASSWORD,
      }),
    );
    db = await MariaDb.start(tools, join(scratch, 'mysql'));
    db.createUser(DB_USER, DB_PASSWORD);
    db.resetWordPress();
    db.logEveryStatement();
    downloads = await DownloadServer.start(tools, join(scratch, 'downloads'));
    const tarball = buildTarball(join(scratch, 'downloads'));
    downloads.publish(TARBALL, tarball);
    downloads.publish(`${TARBALL}.md5`, Buffer.from(digest('md5', tarball)));
    downloads.publish(CORRUPT, recompressed(tarball));
    downloads.publish(`${CORRUPT}.sha1`, Buffer.from(digest('sha1', tarball)));
    watch.start();
  }, 5 * MINUTE);

  afterAll(async () => {
    watch.stop();
    for (const s of servers) await s.stopBoots();
    for (const s of servers) await s.stopApache();
    await downloads?.stop();
    await db?.stop();
    if (scratch && !process.env.SITEBOT_KEEP_SCRATCH) rmSync(scratch, { recursive: true, force: true });
  }, 5 * MINUTE);

  /** A new web server whose user data has run (the bootstrap and its unit are installed). */
  async function webServer(name: string, server: 1 | 2, path = TARBALL, c = cloud): Promise<WebServer> {
    const params: Omit<UserDataParams, 'root'> = {
      env: 'demo',
      region: 'ap-northeast-1',
      secretId: SECRET_ID,
      dbInstanceId: DB_INSTANCE_ID,
      locale: 'ja',
      siteTitle: TITLE,
      adminEmail: 'admin@example.com',
      siteHost: SITE_HOST,
      server,
      source: {
        tarballUrl: downloads.url(path),
        checksumUrl: downloads.url(`${path}.${path === CORRUPT ? 'sha1' : 'md5'}`),
      },
    };
    const w = await WebServer.create({
      dir: join(scratch, name),
      tools,
      bin,
      cloud: c,
      caFile: downloads.caFile,
      params,
    });
    servers.push(w);
    const ud = w.runUserData();
    expect(ud).toEqual({ status: 0, output: '' });
    expect(statSync(w.bootstrapPath).mode & 0o777).toBe(0o755);
    expect(existsSync(join(w.root, 'etc/systemd/system/sitebot-wordpress.service'))).toBe(true);
    return w;
  }

  /**
   * The exit codes once every boot has exited; as soon as one fails, the others are stopped (a
   * web #2 would otherwise wait for an install that is not coming).
   */
  async function finished(...boots: Boot[]): Promise<(number | null)[]> {
    const codes: (number | null)[] = boots.map(() => null);
    let left = boots.length;
    boots.forEach(
      (b, i) =>
        void b.done.then((code) => {
          codes[i] = code;
          left--;
          if (code !== 0) boots.forEach((other) => other.stop());
        }),
    );
    await until('the bootstraps to finish', () => (left === 0 ? true : undefined), 10 * MINUTE);
    return codes;
  }

  const count = (sql: string) => Number(db.value(sql));
  const installState = () => ({
    users: count('SELECT COUNT(*) FROM wp_users'),
    posts: count("SELECT COUNT(*) FROM wp_posts WHERE post_type = 'post'"),
    marks: count("SELECT COUNT(*) FROM wp_options WHERE option_name = 'sitebot_installed'"),
  });
  const ONCE = { users: 1, posts: 1, marks: 1 };
  const tables = () =>
    count("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = 'wordpress'");
  const installs = (output: string) =>
    output.split('\n').filter((l) => l.endsWith(': installing WordPress')).length;

  let web1: WebServer;
  let web2: WebServer;

  test(
    'web #1 and #2 boot together: healthy before the download, 200 only once installed, one install',
    async () => {
      web1 = await webServer('web-1', 1);
      web2 = await webServer('web-2', 2);
      downloads.hold();
      downloads.damageNext(TARBALL, 1); // one of the two downloads comes in damaged
      const boots = [web1.boot(), web2.boot()];

      // WordPress is "still downloading": the ALB's health file answers, the site does not.
      await until('both downloads to start', () => (downloads.requestsFor(TARBALL) === 2 ? true : undefined));
      for (const w of [web1, web2]) {
        await until('the health file to answer 200', async () =>
          (await w.status('/wp-includes/images/blank.gif')) === 200 ? true : undefined,
        );
        expect(await w.status('/')).not.toBe(200);
      }
      downloads.release();

      // The database is still being created: nothing is installed, nothing answers 200 yet.
      await until('both to wait for the database', () =>
        boots.every((b) => b.output().includes('waiting for database demo-db: status creating'))
          ? true
          : undefined,
      );
      expect(tables()).toBe(0);
      for (const w of [web1, web2]) {
        expect(await w.status('/')).not.toBe(200);
        expect(await w.status('/wp-includes/images/blank.gif')).toBe(200);
        // Downloaded, but not served until installed: no WordPress file answers yet.
        expect(existsSync(join(w.siteDir, 'wordpress/readme.html'))).toBe(true);
        expect(await w.status('/readme.html')).toBe(404);
      }
      cloud.setDbEndpoint('127.0.0.1', db.port);

      expect(await finished(...boots)).toEqual([0, 0]);
      const [out1, out2] = boots.map((b) => b.output());
      expect(out1 + out2).toContain('checksum mismatch'); // the damaged one was rejected, then fetched again
      expect(downloads.requestsFor(TARBALL)).toBe(3);
      expect(installs(out1)).toBe(1);
      expect(installs(out2)).toBe(0);
      expect(out2).toContain('WordPress is installed');
      expect(installState()).toEqual(ONCE);

      for (const w of [web1, web2]) {
        const home = await w.get('/');
        expect(home.status).toBe(200);
        expect(home.body).toContain(`<title>${TITLE}`);
        expect(await w.status('/wp-includes/images/blank.gif')).toBe(200);
        expect(await w.status('/wp-admin/install.php')).toBe(403);
        expect(readlinkSync(join(w.siteDir, 'current'))).toBe('wordpress');
      }
      const configs = [web1, web2].map((w) => join(w.siteDir, 'wordpress/wp-config.php'));
      for (const c of configs) expect(statSync(c).mode & 0o777).toBe(0o640);
      const config = readFileSync(configs[0], 'utf8');
      expect(readFileSync(configs[1], 'utf8')).toBe(config); // same salts: a login works on both
      expect(config).toContain("define('MYSQL_CLIENT_FLAGS', MYSQLI_CLIENT_SSL);");
      expect(config).toContain(`define('DB_HOST', '127.0.0.1:${db.port}');`);
      expect(config).toContain(`define('WP_HOME', 'http://${SITE_HOST}');`);
    },
    20 * MINUTE,
  );

  /** Everything a boot could touch under a server's root: path, type, mode, owner, size, mtime, inode, link. */
  function snapshot(w: WebServer): string[] {
    const out: string[] = [];
    const walk = (dir: string) => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        const st = lstatSync(path);
        const link = st.isSymbolicLink() ? readlinkSync(path) : '';
        out.push(
          [relative(w.root, path), st.mode, st.uid, st.gid, st.size, st.mtimeMs, st.ino, link].join(' '),
        );
        if (st.isDirectory()) walk(path);
      }
    };
    walk(w.root);
    return out.sort();
  }

  function databaseChecksum(): string {
    const names = db.value(
      "SELECT GROUP_CONCAT(table_name ORDER BY table_name) FROM information_schema.tables WHERE table_schema = 'wordpress'",
    );
    return db.sql(`CHECKSUM TABLE ${names.split(',').join(', ')} EXTENDED;`, 'wordpress');
  }

  test(
    'a second boot of both changes nothing: no file, no row, no download, no package',
    async () => {
      const before = {
        files: [web1, web2].map(snapshot),
        data: databaseChecksum(),
        downloads: downloads.requests.length,
      };
      const calls = [web1, web2].map((w) => w.calls().length);
      const boots = [web1.boot(), web2.boot()];
      expect(await finished(...boots)).toEqual([0, 0]);
      expect(boots[0].output()).toContain('WordPress is already installed');
      expect({
        files: [web1, web2].map(snapshot),
        data: databaseChecksum(),
        downloads: downloads.requests.length,
      }).toEqual(before);
      const newCalls = [web1, web2].flatMap((w, i) => w.calls().slice(calls[i]));
      expect(newCalls.filter((c) => c.startsWith('dnf'))).toEqual([]);
      expect(installState()).toEqual(ONCE);
    },
    10 * MINUTE,
  );

  test(
    'a corrupt download is rejected: retried, then the run fails with nothing counted as done',
    async () => {
      const w = await webServer('corrupt', 1, CORRUPT);
      const boot = w.boot();
      // It ends, or (accepted: the property is broken) goes on to wait for the database.
      await until('the run to end', () =>
        !boot.running() || boot.output().includes('waiting for database') ? true : undefined,
      );
      const out = boot.output();
      expect(out).not.toContain('waiting for database');
      expect(await finished(boot)).not.toEqual([0]);
      expect(out.match(/checksum mismatch/g)).toHaveLength(3);
      expect(out).toContain('no verified download of WordPress');
      expect(downloads.requestsFor(CORRUPT)).toBe(3);
      expect(existsSync(join(w.siteDir, 'wordpress'))).toBe(false);
      expect(existsSync(join(w.siteDir, '.download'))).toBe(false);
      expect(readlinkSync(join(w.siteDir, 'current'))).toBe('health');
      expect(await w.status('/wp-includes/images/blank.gif')).toBe(200); // healthy all along
      expect(await w.status('/')).not.toBe(200);
      await w.stopApache();
    },
    10 * MINUTE,
  );

  test(
    'the DB wait says why: a wrong password is logged with the client error, not "waiting" forever',
    async () => {
      const wrong = new Cloud(join(scratch, 'cloud-wrong-password'));
      wrong.setSecret(
        JSON.stringify({
          username: DB_USER,
          password: 'not-the-password',
          wpAdminUser: 'admin',
          wpAdminPassword: ADMIN_PASSWORD,
        }),
      );
      wrong.setDbEndpoint('127.0.0.1', db.port);
      const w = await webServer('wrong-password', 2, TARBALL, wrong);
      const boot = w.boot();
      try {
        await until(
          'the client error to be logged',
          () => (/waiting for MySQL at 127\.0\.0\.1: .*Access denied/.test(boot.output()) ? true : undefined),
          5 * MINUTE,
        );
      } finally {
        boot.stop();
        await finished(boot);
        await w.stopApache();
      }
    },
    10 * MINUTE,
  );

  test.each(Array.from({ length: RACE_TRIALS }, (_, i) => i + 1))(
    'race trial %i: two installers on one empty database install exactly once',
    async (trial) => {
      db.resetWordPress();
      cloud.setDbEndpoint('127.0.0.1', db.port);
      const racers = [await webServer(`race-${trial}-a`, 1), await webServer(`race-${trial}-b`, 1)];
      const requested = downloads.requestsFor(TARBALL);
      downloads.hold(); // both wait at the download, then go on together
      const boots = racers.map((w) => w.boot());
      await until('both downloads to start', () =>
        downloads.requestsFor(TARBALL) === requested + 2 ? true : undefined,
      );
      downloads.release();
      expect(await finished(...boots)).toEqual([0, 0]);
      const outputs = boots.map((b) => b.output());
      expect(outputs.map(installs).sort()).toEqual([0, 1]);
      expect(outputs.join('\n')).toContain('WordPress is already installed');
      expect(installState()).toEqual(ONCE);
      for (const w of racers) {
        expect(await w.status('/')).toBe(200);
        await w.stopApache();
      }
    },
    10 * MINUTE,
  );

  test(
    'an install cut short (tables but no mark) is started again clean: still one admin, one post',
    async () => {
      db.sql(
        "DELETE FROM wp_options WHERE option_name = 'sitebot_installed'; DELETE FROM wp_users;",
        'wordpress',
      );
      const w = await webServer('after-crash', 1);
      const boot = w.boot();
      expect(await finished(boot)).toEqual([0]);
      expect(boot.output()).toMatch(/removed \d+ tables of an unfinished install/);
      expect(installs(boot.output())).toBe(1);
      expect(installState()).toEqual(ONCE);
      await w.stopApache();
    },
    10 * MINUTE,
  );

  test('no password in any output, log, argv, environment, or file but wp-config.php (0640)', () => {
    watch.stop();
    // The sampling saw the bootstraps and their PHP half run.
    expect(watch.samples).toBeGreaterThan(100);
    expect([...watch.seen].some((c) => c.includes('sitebot-wordpress.php install'))).toBe(true);
    expect(watch.leaks).toEqual([]);

    const outputs = servers.map((w) => w.outputs()).join('\n');
    for (const secret of [DB_PASSWORD, ADMIN_PASSWORD]) expect(outputs).not.toContain(secret);

    expect(readFileSync(db.generalLog, 'utf8')).toContain('wp_options'); // the log did record the installs
    // Each server's whole scratch directory: its root, TMPDIR, Apache logs, stub calls, boot logs.
    const files = [...filesUnder(...servers.map((w) => w.dir)), db.errorLog, db.generalLog];
    const configs = files.filter((f) => f.endsWith('/wp-config.php'));
    expect(configs.length).toBeGreaterThanOrEqual(2);
    expect(filesContaining(DB_PASSWORD, files).sort()).toEqual(configs.sort());
    expect(filesContaining(ADMIN_PASSWORD, files)).toEqual([]);
    for (const c of configs) expect(statSync(c).mode & 0o777).toBe(0o640);
  });
});
