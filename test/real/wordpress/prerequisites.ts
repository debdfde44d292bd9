/**
 * What the real-run test needs from the machine: Debian's apache2 + libapache2-mod-php (standing
 * in for AL2023's httpd + php-fpm), php-cli with php-mysql, mariadb-server, and the `wordpress`
 * package's tree (standing in for the download). `.ci/run` installs them.
 */
import { existsSync, readdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export const APT_PACKAGES = 'apache2 libapache2-mod-php php-cli php-mysql mariadb-server wordpress';
export const WORDPRESS_TREE = '/usr/share/wordpress';
const APACHE_MODULES = '/usr/lib/apache2/modules';

/** The first of `names` found on PATH (or in the sbin directories), as a full path. */
export function which(...names: string[]): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/sbin', '/sbin'];
  for (const name of names) {
    for (const dir of dirs) if (dir && existsSync(join(dir, name))) return join(dir, name);
  }
  return undefined;
}

/** Debian's mod_php for Apache (`libphp8.2.so`, …). */
export function modPhp(): string | undefined {
  if (!existsSync(APACHE_MODULES)) return undefined;
  const lib = readdirSync(APACHE_MODULES).find((f) => /^libphp[\d.]*\.so$/.test(f));
  return lib && join(APACHE_MODULES, lib);
}

export interface Tools {
  apache: string;
  modPhp: string;
  php: string;
  mariadbd: string;
  installDb: string;
  client: string;
  openssl: string;
}

/** The tools, or the names of what is missing. */
export function findTools(): Tools | { missing: string[] } {
  const found = {
    apache: which('apache2', 'httpd'),
    modPhp: modPhp(),
    php: which('php'),
    mariadbd: which('mariadbd', 'mysqld'),
    installDb: which('mariadb-install-db', 'mysql_install_db'),
    client: which('mariadb', 'mysql'),
    openssl: which('openssl'),
    curl: which('curl'),
    tar: which('tar'),
    wordpress: existsSync(join(WORDPRESS_TREE, 'wp-includes/version.php')) ? WORDPRESS_TREE : undefined,
  };
  const missing = Object.entries(found)
    .filter(([, v]) => v === undefined)
    .map(([k]) => k);
  return missing.length > 0 ? { missing } : (found as Tools);
}
