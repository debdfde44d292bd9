import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  renderBootstrapScript,
  renderUserData,
  shellQuote,
  type UserDataParams,
} from '../../../../src/workflows/userdata/wordpress';

const params: UserDataParams = {
  env: 'demo',
  region: 'ap-northeast-1',
  secretId: 'sitebot/demo/credentials',
  dbInstanceId: 'demo-db',
  locale: 'ja',
  siteTitle: "Demo's site",
  adminEmail: 'admin@example.com',
};

const dir = mkdtempSync(join(tmpdir(), 'sitebot-userdata-'));
function saved(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const scripts = {
  'user data': () => renderUserData(params),
  bootstrap: () => renderBootstrapScript(params),
};

describe.each(Object.entries(scripts))('%s', (name, render) => {
  test('parses with bash -n', () => {
    const r = spawnSync('bash', ['-n', saved(`${name}.sh`, render())], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  // Not skipped when shellcheck is missing: the suite must fail then (CI installs it).
  test('passes shellcheck', () => {
    const r = spawnSync('shellcheck', ['--shell=bash', '--severity=style', saved(`${name}.sh`, render())], {
      encoding: 'utf8',
    });
    if (r.error)
      throw new Error(`shellcheck is not installed (apt-get install -y shellcheck): ${r.error.message}`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(0);
  });
});

test('shellcheck flags a bad script (the check can fail)', () => {
  const r = spawnSync('shellcheck', [saved('bad.sh', '#!/bin/bash\nrm -rf $DIR/*\n')], { encoding: 'utf8' });
  expect(r.status).not.toBe(0);
});

describe('the bootstrap script', () => {
  const script = renderBootstrapScript(params);

  test('installs Apache, PHP with mysqlnd, the MariaDB client and WordPress in the chosen locale', () => {
    expect(script).toMatch(/dnf install -y httpd php .*php-mysqlnd.* mariadb105/);
    expect(script).toContain("readonly WP_LOCALE='ja'");
    expect(script).toContain('core download --locale="$WP_LOCALE"');
    expect(script).toContain('chown -R apache:apache "$DOCROOT"');
    expect(script).toContain('systemctl enable --now php-fpm.service httpd.service');
  });

  test('reads the credentials secret and waits for the DB endpoint by DNS name', () => {
    expect(script).toContain("readonly SECRET_ID='sitebot/demo/credentials'");
    expect(script).toContain(
      'aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ID"',
    );
    expect(script).toContain("readonly DB_INSTANCE_ID='demo-db'");
    expect(script).toContain('Endpoint.Address');
  });

  test('writes wp-config (wordpress db, wp_ prefix) and installs only when not installed', () => {
    expect(script).toContain('config create --dbname=wordpress --dbuser="$DB_USER"');
    expect(script).toContain('--dbprefix=wp_');
    expect(script).toContain('core is-installed');
    expect(script).toMatch(/core install --url=\S+ --title="\$SITE_TITLE"/);
    expect(script).toContain('wp-includes/images/blank.gif');
  });

  test('passes passwords on stdin, never as arguments, and never echoes them', () => {
    expect(script).toContain('--prompt=dbpass');
    expect(script).toContain('--prompt=admin_password');
    expect(script).not.toMatch(/--dbpass=|--admin_password=/);
    expect(script).not.toMatch(/set -x/);
    expect(script).not.toMatch(/log .*PASSWORD/);
  });

  test('values are shell-quoted: a title with quotes stays data', () => {
    expect(script).toContain(`readonly SITE_TITLE='Demo'\\''s site'`);
    const tricky = "a'b $(echo x) `y`";
    const out = execFileSync('bash', ['-c', `v=${shellQuote(tricky)}; printf %s "$v"`], {
      encoding: 'utf8',
    });
    expect(out).toBe(tricky);
  });
});

test('the user data installs a boot-time unit that retries until it succeeds', () => {
  const ud = renderUserData(params);
  expect(ud).toContain('/etc/systemd/system/sitebot-wordpress.service');
  expect(ud).toContain('Restart=on-failure');
  expect(ud).toContain('systemctl enable sitebot-wordpress.service');
  expect(ud).toContain(renderBootstrapScript(params));
});

test('invalid parameters are refused rather than rendered', () => {
  expect(() => renderUserData({ ...params, env: 'demo; rm -rf /' })).toThrow(/invalid env/);
  expect(() => renderUserData({ ...params, locale: "ja'" })).toThrow(/invalid locale/);
  expect(() => renderUserData({ ...params, adminEmail: 'nope' })).toThrow(/invalid adminEmail/);
});

test('no secret value can be in the script: it has no parameter for one', () => {
  expect(Object.keys(params).some((k) => /password|secret(?!Id)/i.test(k))).toBe(false);
});
