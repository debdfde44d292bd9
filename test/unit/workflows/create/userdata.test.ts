/**
 * The rendered user data read as text: it parses, passes shellcheck, fits EC2's 16 KB even with
 * the longest values the parameters allow, and says what it should. What it does when it runs is
 * proven by ./bootstrap-run.test.ts (stubs) and test/real/wordpress (real Apache, PHP, MariaDB).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AL2023_PACKAGES, renderBootstrapScript } from '../../../../src/workflows/userdata/bootstrap';
import { shellQuote, wordpressSource, type UserDataParams } from '../../../../src/workflows/userdata/params';
import { renderUserData } from '../../../../src/workflows/userdata/wordpress';
import { demoUserDataParams } from './userdata-params';
import { WORDPRESS_PHP } from '../../../../src/workflows/userdata/wordpress-php';

const params = demoUserDataParams;

/** The longest value each parameter accepts (a title of 100 three-byte characters). */
const longest: UserDataParams = {
  env: `e${'x'.repeat(62)}`,
  region: `xx-${'a'.repeat(27)}-1`,
  secretId: 's'.repeat(512),
  dbInstanceId: `d${'x'.repeat(62)}`,
  locale: `abc_DE_${'x'.repeat(13)}`,
  siteTitle: '漢'.repeat(100),
  adminEmail: `${'a'.repeat(64)}@${'b'.repeat(189)}`,
  siteHost: `${Array.from({ length: 4 }, () => 'h'.repeat(63))
    .join('.')
    .slice(0, 253)}:65535`,
  server: 2,
};

const dir = mkdtempSync(join(tmpdir(), 'sitebot-userdata-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
function saved(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

// shellcheck on a 15 KB script takes seconds on a busy machine.
jest.setTimeout(120_000);

const scripts = {
  'user data (web #1)': () => renderUserData(params),
  'user data (web #2, longest values)': () => renderUserData(longest),
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

test("the user data fits EC2's 16 KB, even with the longest values the parameters allow", () => {
  expect(longest).toEqual(expect.objectContaining({ siteHost: expect.stringMatching(/^.{259}$/) }));
  expect(Buffer.byteLength(renderUserData(longest))).toBeLessThan(16_384);
  // Headroom for the next change: the usual user data stays well under.
  expect(Buffer.byteLength(renderUserData(params))).toBeLessThan(15_000);
  // The limit is real: one value longer than allowed is refused, not rendered.
  expect(() => renderUserData({ ...longest, adminEmail: `a${longest.adminEmail}` })).toThrow(
    /invalid adminEmail/,
  );
});

describe('the bootstrap script', () => {
  const script = renderBootstrapScript(params);

  test('installs AL2023 packages with PHP pinned, only when a package (real or virtual name) is missing', () => {
    expect(AL2023_PACKAGES).toEqual(
      expect.arrayContaining(['httpd', 'php8.4-fpm', 'php8.4-cli', 'php8.4-mysqlnd', 'mariadb105']),
    );
    expect(AL2023_PACKAGES.filter((p) => /^php(?!8\.4)/.test(p))).toEqual([]);
    expect(script).toContain(`readonly PACKAGES=(${AL2023_PACKAGES.join(' ')})`);
    expect(script).toContain('if rpm -q --quiet --whatprovides "${PACKAGES[@]}"; then return 0; fi');
    expect(script).toContain('dnf install -y "${PACKAGES[@]}"');
  });

  test('no WP-CLI: WordPress installs through its own PHP (wp_install), from a verified https download', () => {
    expect(script).not.toMatch(/wp-cli|\bwp (core|config)\b/);
    expect(WORDPRESS_PHP).toContain("require_once ABSPATH . 'wp-admin/includes/upgrade.php';");
    expect(WORDPRESS_PHP).toMatch(/wp_install\(/);
    expect(script).toContain("curl --proto '=https' --proto-redir '=https'");
    expect(script).toContain("readonly TARBALL_URL='https://ja.wordpress.org/latest-ja.tar.gz'");
    expect(script).toContain("readonly CHECKSUM_URL='https://ja.wordpress.org/latest-ja.tar.gz.md5'");
    expect(script).toContain('tar -xzf');
  });

  test('the download comes from wordpress.org for the locale, with the checksum published beside it', () => {
    expect(wordpressSource('en_US')).toEqual({
      tarballUrl: 'https://wordpress.org/latest.tar.gz',
      checksumUrl: 'https://wordpress.org/latest.tar.gz.sha1',
    });
    expect(wordpressSource('de_DE')).toEqual({
      tarballUrl: 'https://de.wordpress.org/latest-de_DE.tar.gz',
      checksumUrl: 'https://de.wordpress.org/latest-de_DE.tar.gz.md5',
    });
  });

  test('web #1 installs, web #2 waits; the home is the load balancer, fixed', () => {
    expect(script).toContain('readonly ROLE=install');
    expect(renderBootstrapScript({ ...params, server: 2 })).toContain('readonly ROLE=await');
    expect(script).toContain(
      "export SITEBOT_HOME='http://demo-alb-1234567890.ap-northeast-1.elb.amazonaws.com'",
    );
    expect(WORDPRESS_PHP).toContain("define('WP_HOME', ");
    expect(WORDPRESS_PHP).not.toContain('HTTP_HOST"]');
  });

  test('reads the credentials secret and waits for the DB endpoint by DNS name', () => {
    expect(script).toContain("readonly SECRET_ID='sitebot/demo/credentials'");
    expect(script).toContain(
      'aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ID"',
    );
    expect(script).toContain("readonly DB_INSTANCE_ID='demo-db'");
    expect(script).toContain('Endpoint.Address,Endpoint.Port');
  });

  test('the secret reaches PHP on stdin only; nothing is traced', () => {
    // In the bash half, the secret's only two places: read into a local variable, then PHP's stdin.
    const bash = script.replace(WORDPRESS_PHP, '');
    expect(bash.split('\n').filter((l) => /\bsecret\b/.test(l) && !l.trim().startsWith('#'))).toEqual([
      '  local secret endpoint',
      '  secret=$(aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ID" \\',
      '  SITEBOT_DB_ENDPOINT=$endpoint php "$HELPER" "$ROLE" <<<"$secret"',
    ]);
    expect(script).not.toMatch(/set -x|xtrace/);
    expect(WORDPRESS_PHP).toContain("ini_set('zend.exception_ignore_args', '1');");
  });

  test('values are shell-quoted: a title with quotes stays data', () => {
    expect(script).toContain(`export SITEBOT_TITLE='Demo'\\''s site'`);
    const tricky = "a'b $(echo x) `y`";
    const out = execFileSync('bash', ['-c', `v=${shellQuote(tricky)}; printf %s "$v"`], {
      encoding: 'utf8',
    });
    expect(out).toBe(tricky);
  });
});

test('the user data installs a boot-time unit that retries until it succeeds, after cloud-init', () => {
  const ud = renderUserData(params);
  expect(ud).toContain('put /etc/systemd/system/sitebot-wordpress.service 0644');
  expect(ud).toContain('After=network-online.target cloud-final.service');
  expect(ud).toContain('Restart=on-failure');
  expect(ud).toContain('systemctl enable sitebot-wordpress.service');
  expect(ud).toContain(renderBootstrapScript(params));
});

test('invalid parameters are refused rather than rendered', () => {
  expect(() => renderUserData({ ...params, env: 'demo; rm -rf /' })).toThrow(/invalid env/);
  expect(() => renderUserData({ ...params, locale: "ja'" })).toThrow(/invalid locale/);
  expect(() => renderUserData({ ...params, adminEmail: 'nope' })).toThrow(/invalid adminEmail/);
  expect(() => renderUserData({ ...params, siteHost: 'x.example.com/evil' })).toThrow(/invalid siteHost/);
  expect(() => renderUserData({ ...params, server: 3 as 1 })).toThrow(/invalid server/);
  expect(() =>
    renderUserData({
      ...params,
      source: {
        tarballUrl: 'http://example.com/latest.tar.gz',
        checksumUrl: 'https://example.com/latest.tar.gz.md5',
      },
    }),
  ).toThrow(/invalid source.tarballUrl/);
});

test('no secret value can be in the script: it has no parameter for one', () => {
  expect(Object.keys(longest).some((k) => /password|secret(?!Id)/i.test(k))).toBe(false);
});
