/**
 * The environment's credentials: a generated DB master password and WordPress admin password,
 * kept together in ONE Secrets Manager secret `sitebot/<env>/credentials`. Why a generated
 * secret rather than RDS-managed (`ManageMasterUserPassword`): RDS rotates a managed secret
 * every 7 days by default, and WordPress's wp-config.php holds a fixed password, so a rotation
 * would take the site down; a secret we generate also carries the WordPress admin password.
 * The value never leaves AWS through sitebot: outputs hold only the secret's ARN.
 */
import { sitebotTags } from '../../../aws/tags';
import { defineStep, done, MINUTE, names } from '../step-kit';

export interface Credentials {
  /** RDS master user (SPEC §4). */
  username: string;
  password: string;
  wpAdminUser: string;
  wpAdminPassword: string;
}

const ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789';

/**
 * A password RDS and shells accept as-is (letters and digits only: RDS forbids `/ " @` and
 * space; no quoting surprises in wp-config.php). 24 chars of a 57-symbol alphabet ≈ 140 bits.
 */
export function generatePassword(randomBytes: (n: number) => Buffer, length = 24): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // Rejection sampling keeps every symbol equally likely.
      if (byte < 256 - (256 % ALPHABET.length) && out.length < length)
        out += ALPHABET[byte % ALPHABET.length];
    }
  }
  return out;
}

export function parseCredentials(secretString: string): Credentials {
  const v = JSON.parse(secretString) as Partial<Credentials>;
  if (!v.username || !v.password || !v.wpAdminUser || !v.wpAdminPassword) {
    throw new Error('credentials secret is missing a field');
  }
  return v as Credentials;
}

export const credentialsStep = defineStep('credentials', {
  timeoutMs: 5 * MINUTE,
  async body(ctx) {
    const { secrets, randomBytes } = ctx.deps;
    const name = names(ctx).secret;
    const existing = await secrets.findSecret(name);
    if (existing?.ARN) {
      // A destroyed env of the same name left it scheduled for deletion: take it back.
      if (existing.DeletedDate) await secrets.restoreSecret(existing.ARN);
      return done({ secretArn: existing.ARN, secretName: name });
    }
    const value: Credentials = {
      username: 'admin',
      password: generatePassword(randomBytes),
      wpAdminUser: 'admin',
      wpAdminPassword: generatePassword(randomBytes),
    };
    const arn = await secrets.createSecret(
      name,
      JSON.stringify(value),
      `sitebot ${ctx.env}: RDS master and WordPress admin credentials`,
      // A client token per run: the SDK would otherwise pick a random one per call.
      `${ctx.runId}-credentials`.padEnd(32, '0').slice(0, 64),
      sitebotTags(ctx, 'credentials'),
    );
    await ctx.record({ secretArn: arn, secretName: name });
    return done({ secretArn: arn, secretName: name });
  },
});
