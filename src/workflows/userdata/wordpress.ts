/**
 * User data for the web servers (SPEC §3, §6): Apache + PHP + the MariaDB client + WP-CLI,
 * WordPress (`ja` edition by default) in /var/www/html, then — once the env's RDS endpoint
 * exists — wp-config.php and a scripted WordPress install, so the site serves with no browser.
 *
 * Shape: the user data only installs `/usr/local/sbin/sitebot-wordpress` and a systemd unit
 * that runs it at every boot until it succeeds. So the AMI can be taken at any moment (its
 * reboot interrupts nothing for good), web #2 booted from the AMI finishes whatever is missing,
 * and nothing waits for the database but this script. Every step checks before it acts, so a
 * re-run is harmless. No secret is in the script: it reads the credentials secret through the
 * instance role (the AWS CLI uses IMDSv2).
 */

export interface UserDataParams {
  env: string;
  region: string;
  /** Secrets Manager id of the credentials secret (`sitebot/<env>/credentials`). */
  secretId: string;
  dbInstanceId: string;
  /** WordPress locale (`ja`, `en_US`, `de_DE`, …). */
  locale: string;
  siteTitle: string;
  adminEmail: string;
  /** Filesystem root the script works under: '' on an instance; a scratch directory in tests. */
  root?: string;
}

const CHECKS: Record<keyof UserDataParams, RegExp> = {
  env: /^[a-z0-9][a-z0-9-]{0,62}$/,
  region: /^[a-z]{2}(-[a-z]+)+-\d$/,
  secretId: /^[A-Za-z0-9/_+=.@-]{1,512}$/,
  dbInstanceId: /^[a-z][a-z0-9-]{0,62}$/,
  locale: /^[a-z]{2,3}(_[A-Z]{2})?(_[a-z]+)?$/,
  siteTitle: /^[^\n\r]{1,100}$/,
  adminEmail: /^[^\s@'"]+@[^\s@'"]+$/,
  root: /^(\/[\w.-]+)*$/,
};

/** Single-quotes a value for bash: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function validated(params: UserDataParams): UserDataParams {
  for (const key of Object.keys(CHECKS) as (keyof UserDataParams)[]) {
    if (!CHECKS[key].test(params[key] ?? '')) throw new Error(`user data: invalid ${key}`);
  }
  return params;
}

const BLANK_GIF_BASE64 = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

/** The boot-time script that installs and configures WordPress. */
export function renderBootstrapScript(input: UserDataParams): string {
  const p = validated(input);
  return `#!/bin/bash
# sitebot: install and configure WordPress for environment ${p.env}. Runs at every boot
# (sitebot-wordpress.service) until it succeeds; each step is skipped when already done.
set -euo pipefail

readonly REGION=${shellQuote(p.region)}
readonly SECRET_ID=${shellQuote(p.secretId)}
readonly DB_INSTANCE_ID=${shellQuote(p.dbInstanceId)}
readonly WP_LOCALE=${shellQuote(p.locale)}
readonly SITE_TITLE=${shellQuote(p.siteTitle)}
readonly ADMIN_EMAIL=${shellQuote(p.adminEmail)}
readonly ROOT=${shellQuote(p.root ?? '')}
readonly DOCROOT="$ROOT/var/www/html"
readonly WP="$ROOT/usr/local/bin/wp"
readonly WP_CLI_URL=https://raw.githubusercontent.com/wp-cli/builds/gh-pages/phar/wp-cli.phar

log() { echo "sitebot-wordpress: $*"; }

wp_cli() { "$WP" --path="$DOCROOT" --allow-root "$@"; }

install_packages() {
  if rpm -q httpd php php-mysqlnd mariadb105 awscli-2 >/dev/null 2>&1; then return 0; fi
  log "installing Apache, PHP and the MariaDB client"
  dnf install -y httpd php php-cli php-fpm php-mysqlnd php-gd php-mbstring php-xml mariadb105 awscli-2
}

install_wp_cli() {
  if [ -x "$WP" ]; then return 0; fi
  log "installing WP-CLI"
  curl -fsSL --retry 5 -o "$WP.download" "$WP_CLI_URL"
  chmod 0755 "$WP.download"
  mv "$WP.download" "$WP"
}

download_wordpress() {
  if [ -f "$DOCROOT/wp-includes/version.php" ]; then return 0; fi
  log "downloading WordPress ($WP_LOCALE)"
  mkdir -p "$DOCROOT"
  wp_cli core download --locale="$WP_LOCALE"
  chown -R apache:apache "$DOCROOT"
}

# The load balancer's health check path must answer 200 even before WordPress is configured.
ensure_health_path() {
  local gif="$DOCROOT/wp-includes/images/blank.gif"
  if [ -s "$gif" ]; then return 0; fi
  mkdir -p "$(dirname "$gif")"
  base64 -d >"$gif" <<<'${BLANK_GIF_BASE64}'
  chown apache:apache "$gif"
}

start_web_server() {
  systemctl enable --now php-fpm.service httpd.service
}

SECRET_JSON=''
secret_field() {
  # shellcheck disable=SC2016 # $argv is PHP's, not the shell's
  php -r '$v = json_decode(stream_get_contents(STDIN), true); echo $v[$argv[1]] ?? "";' "$1" <<<"$SECRET_JSON"
}

load_credentials() {
  SECRET_JSON=$(aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ID" \\
    --query SecretString --output text)
  DB_USER=$(secret_field username)
  DB_PASSWORD=$(secret_field password)
  WP_ADMIN_USER=$(secret_field wpAdminUser)
  WP_ADMIN_PASSWORD=$(secret_field wpAdminPassword)
  if [ -z "$DB_USER" ] || [ -z "$DB_PASSWORD" ] || [ -z "$WP_ADMIN_USER" ] || [ -z "$WP_ADMIN_PASSWORD" ]; then
    log "credentials secret is incomplete"
    return 1
  fi
}

# Prints the DB endpoint's DNS name once RDS has assigned one (never an IP: failover moves it).
wait_for_db_endpoint() {
  local status host
  while true; do
    read -r status host <<<"$(aws rds describe-db-instances --region "$REGION" \\
      --db-instance-identifier "$DB_INSTANCE_ID" \\
      --query 'DBInstances[0].[DBInstanceStatus,Endpoint.Address]' --output text 2>/dev/null || true)"
    if [ -n "\${host:-}" ] && [ "$host" != None ]; then
      echo "$host"
      return 0
    fi
    log "waiting for database $DB_INSTANCE_ID (\${status:-not visible yet})" >&2
    sleep 20
  done
}

wait_for_mysql() {
  local host=$1
  until MYSQL_PWD="$DB_PASSWORD" mysql --host="$host" --user="$DB_USER" --connect-timeout=5 \\
    --execute='SELECT 1' wordpress >/dev/null 2>&1; do
    log "waiting for MySQL at $host"
    sleep 10
  done
}

write_wp_config() {
  local host=$1 config="$DOCROOT/wp-config.php"
  if [ -f "$config" ] && grep -qF "'$host'" "$config"; then return 0; fi
  log "writing wp-config.php"
  rm -f "$config"
  printf '%s\\n' "$DB_PASSWORD" | wp_cli config create --dbname=wordpress --dbuser="$DB_USER" \\
    --dbhost="$host" --dbprefix=wp_ --locale="$WP_LOCALE" --prompt=dbpass --skip-check
  # Answer on whatever name the request used (the ALB's DNS name is not known at boot).
  # shellcheck disable=SC2016 # PHP code, expanded by PHP
  local home='"http://" . ($_SERVER["HTTP_HOST"] ?? "localhost")'
  wp_cli config set WP_HOME "$home" --raw
  wp_cli config set WP_SITEURL "$home" --raw
  chown apache:apache "$config"
  chmod 0640 "$config"
}

install_site() {
  if wp_cli core is-installed >/dev/null 2>&1; then
    log "WordPress already installed"
    return 0
  fi
  log "installing WordPress"
  printf '%s\\n' "$WP_ADMIN_PASSWORD" | wp_cli core install --url=http://localhost --title="$SITE_TITLE" \\
    --admin_user="$WP_ADMIN_USER" --admin_email="$ADMIN_EMAIL" --skip-email --prompt=admin_password
}

main() {
  install_packages
  install_wp_cli
  download_wordpress
  ensure_health_path
  start_web_server
  load_credentials
  local host
  host=$(wait_for_db_endpoint)
  wait_for_mysql "$host"
  write_wp_config "$host"
  install_site
  chown -R apache:apache "$DOCROOT"
  log "done"
}

main "$@"
`;
}

/** The EC2 user data: installs the bootstrap script and its systemd unit, then starts it. */
export function renderUserData(input: UserDataParams): string {
  const bootstrap = renderBootstrapScript(input);
  return `#!/bin/bash
# sitebot user data for environment ${input.env}: installs sitebot-wordpress.service, which
# installs and configures WordPress at every boot until it has succeeded once.
set -euo pipefail

install -d -m 0755 /usr/local/sbin
cat >/usr/local/sbin/sitebot-wordpress <<'SITEBOT_BOOTSTRAP'
${bootstrap}SITEBOT_BOOTSTRAP
chmod 0755 /usr/local/sbin/sitebot-wordpress

cat >/etc/systemd/system/sitebot-wordpress.service <<'SITEBOT_UNIT'
[Unit]
Description=sitebot: install and configure WordPress
Wants=network-online.target
After=network-online.target
StartLimitIntervalSec=0

[Service]
Type=oneshot
RemainAfterExit=yes
ExecStart=/usr/local/sbin/sitebot-wordpress
Restart=on-failure
RestartSec=15
TimeoutStartSec=infinity

[Install]
WantedBy=multi-user.target
SITEBOT_UNIT

systemctl daemon-reload
systemctl enable sitebot-wordpress.service
# Not waiting here: cloud-init finishes while the unit keeps going (and resumes after a reboot).
systemctl start --no-block sitebot-wordpress.service
`;
}
