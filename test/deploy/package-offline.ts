/**
 * Runs `osls package` with no way to reach AWS: dummy credentials, the region set, no profile,
 * so nothing in serverless.yml may need a live lookup (no ${ssm:}, ${cf:}, ${aws:accountId}).
 * Output: .serverless/ (the CloudFormation template and one zip per function).
 *
 *   npx tsx test/deploy/package-offline.ts [--force]
 *
 * The deploy tests call `ensurePackaged()`, which packages only when the template is missing
 * or older than serverless.yml / package-lock.json / src, so `npm test` works on a fresh clone.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(__dirname, '..', '..');
/** The stage the check packages; resource names in the template carry it. */
export const CI_STAGE = 'ci';
export const CI_REGION = 'ap-northeast-1';
export const SERVERLESS_DIR = join(ROOT, '.serverless');
export const TEMPLATE_PATH = join(SERVERLESS_DIR, 'cloudformation-template-update-stack.json');

/** Environment for an offline package: nothing that could authenticate anywhere. */
export function offlineEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base };
  for (const key of Object.keys(env)) {
    if (/^AWS_(PROFILE|SESSION_TOKEN|ROLE_ARN|WEB_IDENTITY_TOKEN_FILE|CONTAINER_|ENDPOINT_URL)/.test(key))
      delete env[key];
  }
  return {
    ...env,
    AWS_ACCESS_KEY_ID: 'offline-dummy-access-key',
    AWS_SECRET_ACCESS_KEY: 'offline-package-check-not-a-real-key',
    AWS_REGION: CI_REGION,
    AWS_DEFAULT_REGION: CI_REGION,
    // Keep the SDK off ~/.aws and the instance metadata service.
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    // Upstream Serverless' telemetry/notification switches; osls has neither, harmless if ignored.
    SLS_TELEMETRY_DISABLED: '1',
    SLS_NOTIFICATIONS_MODE: 'off',
    SLS_INTERACTIVE_SETUP_ENABLE: '0',
  };
}

export interface PackageResult {
  ran: boolean;
  ms: number;
}

/** Packages into .serverless/ (throws with osls's output when it fails). */
export function packageOffline(): PackageResult {
  const started = Date.now();
  const bin = join(ROOT, 'node_modules', 'osls', 'bin', 'serverless.js');
  const out = spawnSync(process.execPath, [bin, 'package', '--stage', CI_STAGE, '--region', CI_REGION], {
    cwd: ROOT,
    env: offlineEnv(),
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (out.status !== 0) {
    throw new Error(`osls package failed (exit ${out.status ?? out.signal}):\n${out.stdout}\n${out.stderr}`);
  }
  return { ran: true, ms: Date.now() - started };
}

const LOCK_DIR = join(ROOT, '.serverless.lock');
const LOCK_WAIT_MS = 300_000;
const STALE_LOCK_MS = 180_000;

function lockAgeMs(): number {
  try {
    return Date.now() - statSync(LOCK_DIR).mtimeMs;
  } catch {
    return 0; // released meanwhile
  }
}

/** Newest modification time under `dir` (the sources the bundles are built from). */
function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/** The template and zips are newer than serverless.yml, the lock file and every source file. */
function isFresh(): boolean {
  if (!existsSync(TEMPLATE_PATH)) return false;
  const inputs = Math.max(
    statSync(join(ROOT, 'serverless.yml')).mtimeMs,
    statSync(join(ROOT, 'package-lock.json')).mtimeMs,
    newestMtime(join(ROOT, 'src')),
  );
  return statSync(TEMPLATE_PATH).mtimeMs >= inputs;
}

/** Blocks the thread for `ms` (sync code: jest's beforeAll and the CLI both wait here). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Packages unless an up-to-date template is already there (see isFresh). Test files in
 * parallel jest workers share one .serverless/: the first takes a lock directory and packages,
 * the others wait for it (polling, with a deadline) and then reuse its output.
 */
export function ensurePackaged(force = false): PackageResult {
  if (isFresh() && !force) return { ran: false, ms: 0 };
  const deadline = Date.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      mkdirSync(LOCK_DIR);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      // A lock this old was left by a killed run (packaging takes well under a minute).
      if (lockAgeMs() > STALE_LOCK_MS) rmSync(LOCK_DIR, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`${LOCK_DIR} held for over ${LOCK_WAIT_MS} ms`);
      else pause(250);
    }
  }
  try {
    if (isFresh() && !force) return { ran: false, ms: 0 }; // packaged by another worker meanwhile
    return packageOffline();
  } finally {
    rmSync(LOCK_DIR, { recursive: true, force: true });
  }
}

if (require.main === module) {
  const result = ensurePackaged(process.argv.includes('--force'));
  console.log(result.ran ? `packaged into .serverless/ in ${result.ms} ms` : '.serverless/ is up to date');
}
