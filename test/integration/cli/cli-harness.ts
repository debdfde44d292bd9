/**
 * Runs the real CLI entry (runCli) in-process against the AWS emulator and dynalite on
 * loopback. The emulator's clock runs fast (6000×) and the workflows' polls are short, so a whole
 * create takes a second or two of real time while the emulator's durations keep their shape.
 */
import { createAwsClients, type AwsClients } from '../../../src/aws/clients';
import { runCli } from '../../../src/cli/main';
import { startDynalite, type DynaliteHandle } from '../../helpers/dynalite';
import { startTestEmulator, type TestEmulator } from '../../helpers/emulator';

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface CliHarness {
  emu: TestEmulator;
  dynamo: DynaliteHandle;
  clients: AwsClients;
  run(argv: string[], options?: { signal?: AbortSignal; onStdout?(text: string): void }): Promise<CliResult>;
  close(): Promise<void>;
}

const FAST_POLL = { fast: 20, instance: 20, image: 20, db: 20, lb: 20, health: 20 };

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
        env,
        signal: options.signal,
        overrides: {
          clients,
          create: { poll: FAST_POLL },
          destroy: { pollBaseMs: 20, pollMaxMs: 50 },
          failover: { intervalMs: 10, burstMs: 300, errorRetryMs: 20 },
          power: { poll: { instance: 20, db: 20, health: 20, site: 20 } },
          busyRetryMs: 20,
        },
      });
      return { code, stdout, stderr };
    },
    async close() {
      for (const c of [
        clients.ec2,
        clients.rds,
        clients.elbv2,
        clients.ssm,
        clients.secretsManager,
        clients.iam,
      ])
        c.destroy();
      await dynamo.close();
      await emu.close();
    },
  };
}
