/**
 * Runs the rendered bootstrap script for real, under a scratch root, with the system commands
 * it calls (dnf, rpm, curl, aws, systemctl, mysql, php, chown) replaced by stubs that log
 * their arguments. Proves the order of work, the re-run idempotency (web #2 boots from the AMI
 * and runs it again) and that no password ever appears on a command line or in the output.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderBootstrapScript } from '../../../../src/workflows/userdata/wordpress';

const DB_PASSWORD = 'DbPassw0rdXYZ';
const WP_PASSWORD = 'WpPassw0rdABC';
const SECRET = JSON.stringify({
  username: 'admin',
  password: DB_PASSWORD,
  wpAdminUser: 'admin',
  wpAdminPassword: WP_PASSWORD,
});
const DB_HOST = 'demo-db.abc.ap-northeast-1.rds.amazonaws.com';

/** A stub command: logs "name args…" and runs `body` (bash). */
function stub(dir: string, name: string, body = ''): void {
  const path = join(dir, name);
  writeFileSync(path, `#!/bin/bash\necho "${name} $*" >>"$STUB_LOG"\n${body}\n`);
  chmodSync(path, 0o755);
}

function sandbox() {
  const root = mkdtempSync(join(tmpdir(), 'sitebot-bootstrap-'));
  const bin = join(root, 'stub-bin');
  const state = join(root, 'stub-state');
  mkdirSync(bin);
  mkdirSync(state);
  mkdirSync(join(root, 'usr/local/bin'), { recursive: true });
  // rpm -q fails until dnf has "installed" the packages.
  stub(bin, 'rpm', `[ -f "${state}/installed" ]`);
  stub(bin, 'dnf', `touch "${state}/installed"`);
  stub(bin, 'systemctl');
  stub(bin, 'chown');
  stub(bin, 'mysql');
  stub(bin, 'sleep');
  stub(
    bin,
    'aws',
    `case "$1" in
  secretsmanager) echo '${SECRET}' ;;
  rds) printf 'available\\t${DB_HOST}\\n' ;;
esac`,
  );
  // php -r '<json field picker>' <field>: emulated with node.
  stub(
    bin,
    'php',
    `node -e 'const v=JSON.parse(require("fs").readFileSync(0,"utf8")); process.stdout.write(v[process.argv[1]] ?? "")' "$3"`,
  );
  // curl -o <file> <url>: "downloads" a fake WP-CLI that logs and keeps state under the docroot.
  const fakeWp = `#!/bin/bash
echo "wp $*" >>"$STUB_LOG"
path=""; host=""; words=()
for a in "$@"; do case "$a" in --path=*) path="\${a#--path=}";; --dbhost=*) host="\${a#--dbhost=}";; --*) ;; *) words+=("$a");; esac; done
case "\${words[0]} \${words[1]}" in
  "core download") mkdir -p "$path/wp-includes/images"; echo '<?php' >"$path/wp-includes/version.php" ;;
  "config create") read -r pw
                   printf "<?php define('DB_HOST', '%s'); define('DB_PASSWORD', '%s');\\n" "$host" "$pw" >"$path/wp-config.php" ;;
  "config set") echo "\${words[3]}" >>"$path/wp-config.php" ;;
  "core is-installed") [ -f "$path/.installed" ] ;;
  "core install") read -r pw; [ -n "$pw" ] && touch "$path/.installed" ;;
esac
`;
  writeFileSync(join(state, 'wp'), fakeWp);
  stub(
    bin,
    'curl',
    `out=""; while [ $# -gt 0 ]; do [ "$1" = -o ] && out="$2"; shift; done; cp "${state}/wp" "$out"`,
  );
  const script = join(root, 'bootstrap.sh');
  writeFileSync(
    script,
    renderBootstrapScript({
      env: 'demo',
      region: 'ap-northeast-1',
      secretId: 'sitebot/demo/credentials',
      dbInstanceId: 'demo-db',
      locale: 'ja',
      siteTitle: 'demo',
      adminEmail: 'admin@example.com',
      root,
    }),
  );
  const log = join(root, 'calls.log');
  const run = () =>
    spawnSync('bash', [script], {
      encoding: 'utf8',
      env: { PATH: `${bin}:${process.env.PATH}`, STUB_LOG: log, HOME: root },
    });
  const calls = () => (existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : []);
  return { root, run, calls, docroot: join(root, 'var/www/html') };
}

test('first boot: installs, downloads WordPress (ja), serves the health path, configures and installs once the DB is there', () => {
  const sb = sandbox();
  const r = sb.run();
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  const calls = sb.calls();
  const order = (prefix: string) => calls.findIndex((c) => c.startsWith(prefix));
  expect(order('dnf install -y httpd php')).toBeGreaterThanOrEqual(0);
  expect(order('wp --path=')).toBeGreaterThan(order('curl'));
  expect(calls).toContainEqual(expect.stringMatching(/^wp .* core download --locale=ja$/));
  // The web server starts before the script waits for the database (health checks pass early).
  expect(order('systemctl enable --now php-fpm.service httpd.service')).toBeLessThan(order('aws rds'));
  expect(order('aws rds')).toBeLessThan(order('wp --path=' + sb.docroot + ' --allow-root config create'));
  expect(calls).toContainEqual(expect.stringContaining(`--dbhost=${DB_HOST}`));
  expect(calls).toContainEqual(expect.stringContaining('--dbname=wordpress --dbuser=admin'));
  expect(calls.filter((c) => c.includes('core install'))).toHaveLength(1);

  const gif = readFileSync(join(sb.docroot, 'wp-includes/images/blank.gif'));
  expect(gif.subarray(0, 6).toString()).toBe('GIF89a');
  const config = readFileSync(join(sb.docroot, 'wp-config.php'), 'utf8');
  expect(config).toContain(`'${DB_HOST}'`);
  expect(config).toContain('HTTP_HOST');

  // Passwords went through stdin only: never in argv (the call log) nor in the output.
  const everything = calls.join('\n') + r.stdout + r.stderr;
  expect(everything).not.toContain(DB_PASSWORD);
  expect(everything).not.toContain(WP_PASSWORD);
});

test('a second boot (after the AMI reboot, or web #2 from the AMI) changes nothing and installs nothing twice', () => {
  const sb = sandbox();
  expect(sb.run().status).toBe(0);
  const configBefore = readFileSync(join(sb.docroot, 'wp-config.php'), 'utf8');
  const firstCount = sb.calls().length;
  const r = sb.run();
  expect(r.status).toBe(0);
  const second = sb.calls().slice(firstCount);
  expect(second.filter((c) => /^(dnf|curl) /.test(c))).toEqual([]);
  expect(second.filter((c) => /core (download|install)|config create/.test(c))).toEqual([]);
  expect(second).toContainEqual(expect.stringMatching(/core is-installed/));
  expect(readFileSync(join(sb.docroot, 'wp-config.php'), 'utf8')).toBe(configBefore);
  expect(r.stdout).toContain('WordPress already installed');
});
