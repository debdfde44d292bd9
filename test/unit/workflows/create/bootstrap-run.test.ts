/**
 * The rendered user data and bootstrap run with every command beyond bash and coreutils stubbed:
 * AL2023's and AWS's as in test/helpers/al2023-stubs.ts, curl serving a tiny release, php only
 * recording what it was given. Proves, in seconds and on any machine, the order of the work, what
 * a re-run skips, and that the user data never rewrites a running bootstrap in place. That the
 * bootstrap really installs WordPress is test/real/wordpress's job (real Apache, PHP, MariaDB).
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readlinkSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { dirname, join } from 'node:path';
import { renderBootstrapScript } from '../../../../src/workflows/userdata/bootstrap';
import type { UserDataParams } from '../../../../src/workflows/userdata/params';
import { renderUserData } from '../../../../src/workflows/userdata/wordpress';
import { Cloud, writeStubs } from '../../../helpers/al2023-stubs';
import { waitFor } from '../../../helpers/slack';
import { demoUserDataParams } from './userdata-params';

const SECRET = JSON.stringify({
  username: 'admin',
  password: 'DbPassw0rdXYZ',
  wpAdminUser: 'admin',
  wpAdminPassword: 'WpPassw0rdABC',
});

const STUBS = {
  // Serves $RELEASES/<last path segment>: to -o, or to stdout (the checksum).
  curl: `out=""; url=""
while [ $# -gt 0 ]; do case $1 in -o) out=$2; shift ;; https://*) url=$1 ;; esac; shift; done
file="$RELEASES/\${url##*/}"
[ -f "$file" ] || { echo "curl: (22) The requested URL returned error: 404" >&2; exit 22; }
if [ -n "$out" ]; then cp "$file" "$out"; else cat "$file"; fi`,
  // Records what PHP was given on stdin and in its environment.
  php: `cat >"$STUB_STATE/php-stdin"
env >"$STUB_STATE/php-env"`,
};

// Each test starts a few dozen processes: generous on a busy machine.
jest.setTimeout(120_000);

const scratch: string[] = [];
afterAll(() => scratch.forEach((d) => rmSync(d, { recursive: true, force: true })));

function sandbox() {
  const dir = mkdtempSync(join(tmpdir(), 'sitebot-bootstrap-'));
  scratch.push(dir);
  const bin = join(dir, 'bin');
  const state = join(dir, 'state');
  const releases = join(dir, 'releases');
  for (const d of [state, join(releases, 'tree/wordpress/wp-includes/images')])
    mkdirSync(d, { recursive: true });
  writeStubs(bin, STUBS);
  const cloud = new Cloud(join(dir, 'cloud'));
  cloud.setSecret(SECRET);
  cloud.setDbEndpoint('demo-db.abc.ap-northeast-1.rds.amazonaws.com', 3306);
  // A release with the files the bootstrap checks for, and its checksum beside it.
  writeFileSync(join(releases, 'tree/wordpress/wp-includes/version.php'), "<?php $wp_version = '6.9';\n");
  writeFileSync(join(releases, 'tree/wordpress/index.php'), '<?php\n');
  const tarball = join(releases, 'latest-ja.tar.gz');
  spawnSync('tar', ['-czf', tarball, '-C', join(releases, 'tree'), 'wordpress']);
  writeFileSync(`${tarball}.md5`, createHash('md5').update(readFileSync(tarball)).digest('hex'));

  const root = join(dir, 'root');
  const params: UserDataParams = {
    ...demoUserDataParams,
    source: {
      tarballUrl: 'https://releases.test/latest-ja.tar.gz',
      checksumUrl: 'https://releases.test/latest-ja.tar.gz.md5',
    },
    root,
  };
  const log = join(dir, 'calls.log');
  const env = {
    PATH: `${bin}:${process.env.PATH}`,
    HOME: dir,
    TMPDIR: dir,
    STUB_LOG: log,
    STUB_STATE: state,
    CLOUD: cloud.dir,
    RELEASES: releases,
    WEB_USER: userInfo().username,
    APACHE_BIN: '/bin/true',
    APACHE_CONF: '/dev/null',
    APACHE_PID: join(dir, 'no-apache.pid'),
  };
  const bootstrap = join(root, 'usr/local/sbin/sitebot-wordpress');
  const runUserData = () => {
    writeFileSync(join(dir, 'user-data.sh'), renderUserData(params));
    return spawnSync('bash', [join(dir, 'user-data.sh')], { env, encoding: 'utf8' });
  };
  const boot = () => spawnSync('bash', [bootstrap], { env, encoding: 'utf8' });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return {
    dir,
    root,
    params,
    bootstrap,
    runUserData,
    boot,
    calls,
    state,
    site: join(root, 'var/www/sitebot'),
  };
}

test('the user data replaces the bootstrap by rename: a copy already running reads its own file to the end', async () => {
  const sb = sandbox();
  // The bootstrap from the AMI, running when the user data arrives (bash reads a script as it runs).
  mkdirSync(dirname(sb.bootstrap), { recursive: true });
  writeFileSync(
    sb.bootstrap,
    `#!/bin/bash\ntouch "${sb.dir}/old-started"\nuntil [ -e "${sb.dir}/go" ]; do sleep 0.05; done\necho "old copy finished"\n`,
    { mode: 0o755 },
  );
  const old = spawn('bash', [sb.bootstrap], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  old.stdout.on('data', (d: Buffer) => (output += d.toString()));
  old.stderr.on('data', (d: Buffer) => (output += d.toString()));
  // 'close', not 'exit': only then has everything the copy wrote been read (on a busy machine
  // 'exit' came first and the output was still empty).
  const exited = new Promise<number | null>((resolve) => old.once('close', resolve));
  await waitFor(() => (existsSync(join(sb.dir, 'old-started')) ? true : undefined), 60_000);

  const r = sb.runUserData();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  writeFileSync(join(sb.dir, 'go'), '');
  expect(await exited).toBe(0);
  expect(output).toBe('old copy finished\n');

  expect(readFileSync(sb.bootstrap, 'utf8')).toBe(renderBootstrapScript(sb.params));
  expect(statSync(sb.bootstrap).mode & 0o777).toBe(0o755);
  expect(sb.calls()).toEqual([
    'systemctl daemon-reload',
    'systemctl enable sitebot-wordpress.service',
    'systemctl start --no-block sitebot-wordpress.service',
  ]);
});

test('first boot: packages, then httpd and the health file, then the download, then the secret and the DB; a re-run skips what is done', () => {
  const sb = sandbox();
  expect(sb.runUserData().status).toBe(0);
  const first = sb.boot();
  expect(first.stderr).toBe('');
  expect(first.status).toBe(0);
  const calls = sb.calls();
  const at = (prefix: string) => {
    const i = calls.findIndex((c) => c.startsWith(prefix));
    if (i < 0) throw new Error(`no call "${prefix}" in:\n${calls.join('\n')}`);
    return i;
  };
  const order = [
    'rpm -q --quiet --whatprovides httpd php8.4',
    'dnf install -y httpd php8.4',
    'systemctl enable --now php-fpm.service httpd.service',
    'curl --proto =https --proto-redir =https',
    'chown -R apache:apache',
    'aws secretsmanager get-secret-value',
    'aws rds describe-db-instances',
    'php ',
    'systemctl reload php-fpm.service',
  ].map(at);
  expect(order).toEqual([...order].sort((a, b) => a - b));
  expect(calls.find((c) => c.startsWith('php '))).toMatch(/sitebot-wordpress\.php install$/);

  // The secret went to PHP on stdin, and nowhere else.
  expect(readFileSync(join(sb.state, 'php-stdin'), 'utf8').trim()).toBe(SECRET);
  const phpEnv = readFileSync(join(sb.state, 'php-env'), 'utf8');
  expect(phpEnv).toContain('SITEBOT_DB_ENDPOINT=demo-db.abc.ap-northeast-1.rds.amazonaws.com:3306\n');
  expect(phpEnv).toContain(`SITEBOT_HOME=http://${demoUserDataParams.siteHost}\n`);
  for (const secret of ['DbPassw0rdXYZ', 'WpPassw0rdABC']) {
    expect(phpEnv + calls.join('\n') + first.stdout).not.toContain(secret);
  }

  expect(readFileSync(join(sb.site, 'health/wp-includes/images/blank.gif')).subarray(0, 6).toString()).toBe(
    'GIF89a',
  );
  expect(readFileSync(join(sb.root, 'etc/httpd/conf.d/sitebot.conf'), 'utf8')).toContain(
    `DocumentRoot "${sb.site}/current"`,
  );
  expect(readlinkSync(join(sb.site, 'current'))).toBe('wordpress');
  expect(existsSync(join(sb.site, 'wordpress/wp-includes/version.php'))).toBe(true);

  // A second boot (after the AMI's reboot, or web #2 from the AMI): nothing to install or fetch.
  const before = calls.length;
  const second = sb.boot();
  expect(second.status).toBe(0);
  const again = sb.calls().slice(before);
  expect(again.filter((c) => /^(dnf|curl|chown) /.test(c))).toEqual([]);
  expect(again.filter((c) => c.startsWith('systemctl reload'))).toEqual([]);
  expect(again).toContainEqual(expect.stringMatching(/^php .*install$/));
});

test('web #2 waits for web #1 instead of installing', () => {
  const sb = sandbox();
  sb.params.server = 2;
  expect(sb.runUserData().status).toBe(0);
  expect(sb.boot().status).toBe(0);
  expect(sb.calls().find((c) => c.startsWith('php '))).toMatch(/sitebot-wordpress\.php await$/);
});
