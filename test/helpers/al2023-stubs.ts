/**
 * Stand-ins for the commands only AL2023 or AWS have, for running the rendered bootstrap on a
 * Debian machine: `dnf`/`rpm` (installed means: dnf installed that name), `systemctl` (starts the
 * test's Apache for httpd; the unit's own calls pass), `chown` (AL2023's `apache` user is
 * $WEB_USER here) and `aws` (the credentials secret and the DB endpoint, from $CLOUD). Each logs
 * its call to $STUB_LOG and refuses a call it does not know, as the real command would.
 */
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The AWS side the `aws` stub answers from. */
export class Cloud {
  constructor(readonly dir: string) {
    mkdirSync(dir, { recursive: true });
  }

  setSecret(json: string): void {
    writeFileSync(join(this.dir, 'secret.json'), json, { mode: 0o600 });
  }

  /** RDS reports `available` with this endpoint from now on (until then: `creating`, no endpoint). */
  setDbEndpoint(host: string, port: number): void {
    writeFileSync(join(this.dir, 'db-endpoint'), `${host}\t${port}\n`);
  }
}

export const SECRET_ID = 'sitebot/demo/credentials';
export const DB_INSTANCE_ID = 'demo-db';

const STUBS: Record<string, string> = {
  aws: `# The two AWS CLI calls the bootstrap makes, answered as the real CLI would from $CLOUD.
args=" $* "
case "$1 $2" in
  "secretsmanager get-secret-value")
    if [[ $args != *" --secret-id ${SECRET_ID} "* || $args != *" --query SecretString --output text "* ]]; then
      echo "An error occurred (ResourceNotFoundException) when calling the GetSecretValue operation: Secrets Manager can't find the specified secret." >&2
      exit 254
    fi
    cat "$CLOUD/secret.json" ;;
  "rds describe-db-instances")
    if [[ $args != *" --db-instance-identifier ${DB_INSTANCE_ID} "* || $args != *" --output text "* ]]; then
      echo "An error occurred (DBInstanceNotFound) when calling the DescribeDBInstances operation: DBInstance not found." >&2
      exit 254
    fi
    if [ -f "$CLOUD/db-endpoint" ]; then printf 'available\\t%s' "$(cat "$CLOUD/db-endpoint")"; echo
    else printf 'creating\\tNone\\tNone\\n'; fi ;;
  *) echo "aws stub: unexpected call" >&2; exit 252 ;;
esac`,
  dnf: `[ "$1 $2" = "install -y" ] || { echo "dnf stub: unexpected: $*" >&2; exit 1; }
shift 2
printf '%s\\n' "$@" >>"$STUB_STATE/installed"`,
  // Installed means: dnf installed that name.
  rpm: `[ "$1" = -q ] || { echo "rpm stub: unexpected: $*" >&2; exit 2; }
for a in "$@"; do
  case $a in -*) ;; *) grep -qxF -- "$a" "$STUB_STATE/installed" 2>/dev/null || exit 1 ;; esac
done`,
  systemctl: `case "$*" in
  "enable --now php-fpm.service httpd.service")
    if [ -s "$APACHE_PID" ] && kill -0 "$(cat "$APACHE_PID")" 2>/dev/null; then exit 0; fi
    exec "$APACHE_BIN" -f "$APACHE_CONF" -k start ;;
  "reload php-fpm.service" | daemon-reload | "enable sitebot-wordpress.service" | "start --no-block sitebot-wordpress.service") ;;
  *) echo "systemctl stub: unexpected: $*" >&2; exit 1 ;;
esac`,
  chown: `args=()
for a in "$@"; do
  case $a in apache:apache) a="$WEB_USER:$WEB_USER" ;; root:apache) a="root:$WEB_USER" ;; esac
  args+=("$a")
done
exec /bin/chown "\${args[@]}"`,
};

/** Writes the stubs (and `extra` ones: name → bash body) into `bin`; each logs its call to $STUB_LOG first. */
export function writeStubs(bin: string, extra: Record<string, string> = {}): void {
  mkdirSync(bin, { recursive: true });
  for (const [name, body] of Object.entries({ ...STUBS, ...extra })) {
    const path = join(bin, name);
    writeFileSync(path, `#!/bin/bash\necho "${name} $*" >>"$STUB_LOG"\n${body}\n`);
    chmodSync(path, 0o755);
  }
}
