/**
 * Runs the real CLI entry (runCli) in-process against the AWS emulator and dynalite on
 * loopback. The emulator's clock runs fast (6000×) and the workflows' polls are short, so a whole
 * create takes a second or two of real time while the emulator's durations keep their shape.
 */
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { createAwsClients, type AwsClients } from '../../../src/aws/clients';
import type { CliOverrides } from '../../../src/cli/context';
import { runCli } from '../../../src/cli/main';
import { createStateStore, type StateStore } from '../../../src/state';
import { startDynalite, type DynaliteHandle } from '../../helpers/dynalite';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliRunOptions {
  signal?: AbortSignal;
  onStdout?(text: string): void;
  /** More environment variables (e.g. another SITEBOT_TABLE_PREFIX). */
  env?: Record<string, string>;
  /** Test seams beyond the harness's own (clients, failover objectives, a site probe). */
  overrides?: Partial<CliOverrides>;
}

export interface CliHarness {
  emu: TestEmulator;
  dynamo: DynaliteHandle;
  clients: AwsClients;
  /** The CLI's state, read directly (proof of what a command wrote, or did not). */
  store: StateStore;
  /** The emulator's live resources tagged for `env`. */
  taggedFor(env: string): ReturnType<TestEmulator['world']['listResources']>;
  run(argv: string[], options?: CliRunOptions): Promise<CliResult>;
  /**
   * Runs bin/sitebot.js as a real process, finding the emulator and dynalite through the AWS
   * SDK's own variables (as a user's shell would), plus `env`.
   */
  spawn(argv: string[], env?: Record<string, string>): Promise<{ stdout: string; stderr: string }>;
  close(): Promise<void>;
}

const FAST_POLL = { fast: 20, instance: 20, image: 20, db: 20, lb: 20, health: 20 };

// The CLI polls in real time (its deadlines are on the wall clock, so a starved machine only makes
// it slower): a create, drill and destroy take ~10 s idle and several times that on a busy
// machine. Every suite using the harness gets room for that (hooks too), instead of 30 s.
jest.setTimeout(180_000);

export async function startCliHarness(): Promise<CliHarness> {
  const emu = await startTestEmulator({ speed: 6000 });
  const dynamo = await startDynalite();
  const clients = createAwsClients({
    region: emu.region,
    endpoints: {
      ec2: emu.url,
      rds: emu.url,
      elbv2: emu.url,
      ssm: emu.url,
      secretsManager: emu.url,
      serviceQuotas: emu.url,
      iam: emu.url,
      dynamodb: dynamo.endpoint,
    },
    credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret' },
    maxAttempts: 3,
  });
  const env = { SITEBOT_REGION: emu.region, SITEBOT_TABLE_PREFIX: dynamo.prefix, USER: 'tester' };
  return {
    emu,
    dynamo,
    clients,
    store: createStateStore(clients.doc, dynamo.prefix),
    taggedFor: (name) => emu.world.listResources().filter((r) => (r.tags ?? {})['sitebot:env'] === name),
    async run(argv, options = {}) {
      let stdout = '';
      let stderr = '';
      const code = await runCli(argv, {
        stdout: {
          write: (t) => {
            stdout += t;
            options.onStdout?.(t);
          },
          isTTY: false,
        },
        stderr: { write: (t) => void (stderr += t) },
        env: { ...env, ...options.env },
        signal: options.signal,
        overrides: {
          clients,
          create: { poll: FAST_POLL },
          destroy: { pollBaseMs: 20, pollMaxMs: 50 },
          failover: { intervalMs: 10, burstMs: 300, errorRetryMs: 20 },
          power: { poll: { instance: 20, db: 20, health: 20, site: 20 } },
          busyRetryMs: 20,
          ...options.overrides,
        },
      });
      return { code, stdout, stderr };
    },
    spawn(argv, extra = {}) {
      const root = path.join(__dirname, '..', '..', '..');
      // Asynchronous: dynalite and the emulator answer from this very process.
      return promisify(execFile)(process.execPath, [path.join(root, 'bin', 'sitebot.js'), ...argv], {
        cwd: root,
        timeout: 60_000,
        env: {
          PATH: process.env.PATH,
          HOME: process.env.HOME,
          AWS_ENDPOINT_URL: emu.url,
          AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
          AWS_ACCESS_KEY_ID: 'AKIDSANDBOXTEST',
          AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
          AWS_REGION: emu.region,
          SITEBOT_TABLE_PREFIX: dynamo.prefix,
          ...extra,
        },
      });
    },
    async close() {
      for (const c of [
        clients.ec2,
        clients.rds,
        clients.elbv2,
        clients.ssm,
        clients.secretsManager,
        clients.iam,
        clients.serviceQuotas,
      ])
        c.destroy();
      await dynamo.close();
      await emu.close();
    },
  };
}

/**
 * One harness for the enclosing describe block, or the file at top level: started in beforeAll,
 * closed in afterAll. Its fields are set once beforeAll has run, so use them in tests and hooks.
 */
export function useCliHarness(): CliHarness {
  const h = {} as CliHarness;
  beforeAll(async () => {
    Object.assign(h, await startCliHarness());
  });
  afterAll(() => h.close());
  return h;
}
