/**
 * The boot-time script `sitebot-wordpress` (bash) that sets WordPress up on a web server, in
 * this order, every step checking before it acts so that a re-run changes nothing:
 *
 * 1. AL2023 packages: httpd, PHP 8.4 with php-fpm (AL2023 has no mod_php), the MariaDB client.
 * 2. The ALB's health file and httpd + php-fpm, before anything slow: the target is healthy while
 *    WordPress is still downloading. httpd serves `/var/www/sitebot/current`, a symlink to the
 *    health directory until WordPress is installed, then swapped (rename) to the release: `/`
 *    answers 200 only once the install is complete, and the web installers are never reachable.
 * 3. The release tarball (curl, https only, retries), checked against the checksum published
 *    beside it, unpacked with GNU tar beside its place and renamed into it: a failed or partial
 *    download never leaves a tree that counts as done.
 * 4. The credentials secret (instance role), the DB endpoint's DNS name (never an IP), then the
 *    PHP half (./wordpress-php.ts) with the secret on stdin: wp-config.php, then the install on
 *    web #1 or the wait for it on web #2.
 *
 * Rendered values are single-quoted, so each is data for bash; no secret is rendered.
 */
import { shellQuote as q, validated, wordpressSource, type UserDataParams } from './params';
import { WORDPRESS_PHP } from './wordpress-php';

/**
 * AL2023 names, PHP pinned to 8.4 (https://docs.aws.amazon.com/linux/al2023/ug/php.html lists
 * 8.1–8.5); `mariadb105` is the MySQL client for AL2023 per the RDS user guide
 * (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/mysql-install-cli.html).
 */
export const AL2023_PACKAGES = [
  'httpd',
  'php8.4',
  'php8.4-cli',
  'php8.4-fpm',
  'php8.4-mysqlnd',
  'php8.4-gd',
  'php8.4-mbstring',
  'php8.4-xml',
  'php8.4-intl',
  'php8.4-opcache',
  'mariadb105',
  'awscli-2',
  'tar',
  'gzip',
] as const;

const BLANK_GIF_BASE64 = 'R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==';

/** The boot-time script that installs and configures WordPress. */
export function renderBootstrapScript(input: UserDataParams): string {
  const p = validated(input);
  const source = p.source ?? wordpressSource(p.locale);
  return `#!/bin/bash
# sitebot: WordPress for environment ${p.env} on web server #${p.server} (#1 installs it, #2 waits
# for that). Runs at every boot (sitebot-wordpress.service) until it succeeds; each step checks
# first, so a re-run changes nothing that is already right.
set -euo pipefail
umask 022

readonly REGION=${q(p.region)}
readonly SECRET_ID=${q(p.secretId)}
readonly DB_INSTANCE_ID=${q(p.dbInstanceId)}
readonly ROLE=${p.server === 1 ? 'install' : 'await'}
readonly TARBALL_URL=${q(source.tarballUrl)}
readonly CHECKSUM_URL=${q(source.checksumUrl)}
readonly ROOT=${q(p.root ?? '')}
readonly WWW="$ROOT/var/www/sitebot"
readonly HELPER="$ROOT/usr/local/libexec/sitebot-wordpress.php"
readonly PACKAGES=(${AL2023_PACKAGES.join(' ')})
readonly CURL=(curl --proto '=https' --proto-redir '=https' -fsSL --retry 5 --retry-all-errors --connect-timeout 20 --max-time 900)
export SITEBOT_LOCALE=${q(p.locale)}
export SITEBOT_TITLE=${q(p.siteTitle)}
export SITEBOT_EMAIL=${q(p.adminEmail)}
export SITEBOT_HOME=${q(`http://${p.siteHost}`)}
export SITEBOT_WORDPRESS="$WWW/wordpress"

log() { echo "sitebot-wordpress: $*"; }

# Writes stdin to $1 with mode $2 unless $1 already holds exactly that (then nothing is touched):
# a temp file beside it renamed over it, so no reader ever sees half a file.
put_file() {
  local new tmp
  new=$(mktemp)
  cat >"$new"
  if [ -f "$1" ] && [ "$(sha256sum <"$new")" = "$(sha256sum <"$1")" ]; then
    rm -f "$new"
    return 0
  fi
  mkdir -p "$(dirname "$1")"
  tmp=$(mktemp "$1.XXXXXX")
  cat "$new" >"$tmp"
  rm -f "$new"
  chmod "$2" "$tmp"
  mv -f "$tmp" "$1"
}

install_packages() {
  # --whatprovides matches real and virtual names alike (php8.4-* provide php-*).
  if rpm -q --quiet --whatprovides "\${PACKAGES[@]}"; then return 0; fi
  log "installing \${PACKAGES[*]}"
  dnf install -y "\${PACKAGES[@]}"
}

serve_health() {
  if [ ! -L "$WWW/current" ]; then
    base64 -d <<<'${BLANK_GIF_BASE64}' | put_file "$WWW/health/wp-includes/images/blank.gif" 0644
    ln -sfn health "$WWW/current"
  fi
  put_file "$ROOT/etc/httpd/conf.d/sitebot.conf" 0644 <<EOF
# sitebot: serve what $WWW/current points at: the health file, then WordPress once installed.
DocumentRoot "$WWW/current"
<Directory "$WWW">
    Options FollowSymLinks
    AllowOverride None
    Require all granted
</Directory>
DirectoryIndex index.php
# WordPress is installed from the command line: its web installers stay closed.
<LocationMatch "^/wp-admin/(install|setup-config)\\.php">
    Require all denied
</LocationMatch>
EOF
  systemctl enable --now php-fpm.service httpd.service
}

# Downloads into $1, checks, unpacks into $1/tree. Returns non-zero on any failure.
download() {
  local sum want tool=md5sum
  if [[ $CHECKSUM_URL == *.sha1 ]]; then tool=sha1sum; fi
  "\${CURL[@]}" -o "$1/wordpress.tar.gz" "$TARBALL_URL" || return 1
  want=$("\${CURL[@]}" "$CHECKSUM_URL") || return 1
  want=$(tr -d '[:space:]' <<<"$want")
  sum=$("$tool" <"$1/wordpress.tar.gz") || return 1
  if [ "\${sum%% *}" != "$want" ]; then
    log "checksum mismatch: the download has \${sum%% *}, $CHECKSUM_URL says \${want:0:64}"
    return 1
  fi
  tar -xzf "$1/wordpress.tar.gz" -C "$1/tree" --no-same-owner || return 1
  [ -f "$1/tree/wordpress/wp-includes/version.php" ]
}

fetch_wordpress() {
  local release=$SITEBOT_WORDPRESS work="$WWW/.download" attempt
  if [ -f "$release/wp-includes/version.php" ]; then return 0; fi
  for attempt in 1 2 3; do
    log "downloading WordPress ($SITEBOT_LOCALE), attempt $attempt"
    rm -rf "$work"
    mkdir -p "$work/tree"
    if download "$work"; then
      chown -R apache:apache "$work/tree/wordpress"
      rm -rf "$release"
      mv -T "$work/tree/wordpress" "$release" # the one step that makes it count as done
      rm -rf "$work"
      return 0
    fi
    if [ "$attempt" -lt 3 ]; then sleep $((attempt * 3)); fi
  done
  rm -rf "$work"
  log "no verified download of WordPress; the unit tries again"
  return 1
}

# Prints host:port once RDS has an endpoint: its DNS name, never an IP (failover moves it).
db_endpoint() {
  local out status host port next=0
  while true; do
    if out=$(aws rds describe-db-instances --region "$REGION" --db-instance-identifier "$DB_INSTANCE_ID" \\
      --query 'DBInstances[0].[DBInstanceStatus,Endpoint.Address,Endpoint.Port]' --output text 2>&1); then
      read -r status host port <<<"$out"
      if [ -n "\${host:-}" ] && [ "$host" != None ]; then
        echo "$host:$port"
        return 0
      fi
      out="status \${status:-unknown}"
    fi
    if [ "$SECONDS" -ge "$next" ]; then
      log "waiting for database $DB_INSTANCE_ID: \${out##*$'\\n'}" >&2
      next=$((SECONDS + 60))
    fi
    sleep 10
  done
}

# Points httpd at the installed release (a rename: atomic for every request).
publish() {
  if [ "$(readlink "$WWW/current")" = wordpress ]; then return 0; fi
  ln -sfn wordpress "$WWW/current.new"
  mv -Tf "$WWW/current.new" "$WWW/current"
  systemctl reload php-fpm.service # forgets the old target in its path cache
  log "WordPress is served at $SITEBOT_HOME"
}

main() {
  install_packages
  put_file "$HELPER" 0644 <<'SITEBOT_PHP'
${WORDPRESS_PHP}SITEBOT_PHP
  serve_health
  fetch_wordpress
  local secret endpoint
  # Kept in this shell (never exported): it reaches PHP on stdin only.
  secret=$(aws secretsmanager get-secret-value --region "$REGION" --secret-id "$SECRET_ID" \\
    --query SecretString --output text)
  endpoint=$(db_endpoint)
  SITEBOT_DB_ENDPOINT=$endpoint php "$HELPER" "$ROLE" <<<"$secret"
  publish
  log "done"
}

main "$@"
`;
}
