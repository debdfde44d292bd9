/**
 * What the web servers' user data is rendered from, checked before anything is rendered: every
 * value lands in a shell script, so each one must be data there, never code. No secret is a
 * parameter: the script reads the credentials secret itself, through the instance role.
 */
import { z } from 'zod';

/** A published WordPress tarball and the checksum file published beside it (`.sha1` or `.md5`). */
export interface WordPressSource {
  tarballUrl: string;
  checksumUrl: string;
}

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
  /**
   * The load balancer's DNS name: WordPress's home is fixed to `http://<siteHost>`. A `:port` may
   * follow (the sandbox's load balancers answer on `127.0.0.1:<port>`).
   */
  siteHost: string;
  /** Web server #1 installs WordPress; #2 (booted from #1's AMI) waits until the install is in the DB. */
  server: 1 | 2;
  /**
   * Tests only (a loopback server with a local tree): where WordPress is downloaded from.
   * Production leaves it unset and downloads from wordpress.org (`wordpressSource`).
   */
  source?: WordPressSource;
  /** Filesystem root the script works under: '' on an instance; a scratch directory in tests. */
  root?: string;
}

const httpsUrl = (suffix: string) =>
  new RegExp(`^https://[A-Za-z0-9.-]+(:\\d{1,5})?/[\\w./-]{0,200}${suffix}$`);

const schema = z.object({
  env: z.string().regex(/^[a-z0-9][a-z0-9-]{0,62}$/),
  region: z
    .string()
    .max(32)
    .regex(/^[a-z]{2}(-[a-z]+)+-\d{1,2}$/),
  secretId: z.string().regex(/^[A-Za-z0-9/_+=.@-]{1,512}$/),
  dbInstanceId: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
  locale: z
    .string()
    .max(20)
    .regex(/^[a-z]{2,3}(_[A-Z]{2})?(_[a-z]+)?$/),
  siteTitle: z.string().regex(/^[^\n\r]{1,100}$/),
  adminEmail: z
    .string()
    .max(254)
    .regex(/^[^\s@'"\\]+@[^\s@'"\\]+$/),
  siteHost: z
    .string()
    .max(259)
    .regex(
      /^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+(:\d{1,5})?$/,
    ),
  server: z.union([z.literal(1), z.literal(2)]),
  source: z
    .object({
      tarballUrl: z.string().regex(httpsUrl('\\.tar\\.gz')),
      checksumUrl: z.string().regex(httpsUrl('\\.(sha1|md5)')),
    })
    .optional(),
  root: z
    .string()
    .regex(/^(\/[\w.-]+)*$/)
    .optional(),
});

/** The parameters, checked: a bad one throws `user data: invalid <name>` and nothing is rendered. */
export function validated(params: UserDataParams): UserDataParams {
  const parsed = schema.safeParse(params);
  if (!parsed.success) throw new Error(`user data: invalid ${parsed.error.issues[0].path.join('.')}`);
  return params;
}

/** Single-quotes a value for bash: nothing inside is expanded. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * Where WordPress publishes the latest release for `locale`: wordpress.org for en_US, with its
 * SHA-1 beside it; the locale's own site otherwise (`ja.wordpress.org/latest-ja.tar.gz`, the
 * hands-on's download), with the MD5 beside it that WP-CLI checks localized packages against.
 */
export function wordpressSource(locale: string): WordPressSource {
  if (locale === 'en_US') {
    return {
      tarballUrl: 'https://wordpress.org/latest.tar.gz',
      checksumUrl: 'https://wordpress.org/latest.tar.gz.sha1',
    };
  }
  const tarballUrl = `https://${locale.split('_')[0]}.wordpress.org/latest-${locale}.tar.gz`;
  return { tarballUrl, checksumUrl: `${tarballUrl}.md5` };
}
