/**
 * Starts the AWS emulator on 127.0.0.1 (port 0) with real SDK v3 clients pointed at it.
 * The virtual clock stands still (speed 0) unless asked, so tests move time with `advance`.
 * Clients make one attempt unless `maxAttempts` is given, so errors surface as AWS sends them.
 *
 * @example
 *   const emu = await startTestEmulator();
 *   const { Vpc } = await emu.clients.ec2.send(new CreateVpcCommand({ CidrBlock: '10.0.0.0/16' }));
 *   emu.advance(30_000);
 *   await emu.close();
 */
import { EC2Client } from '@aws-sdk/client-ec2';
import { ElasticLoadBalancingV2Client } from '@aws-sdk/client-elastic-load-balancing-v2';
import { RDSClient } from '@aws-sdk/client-rds';
import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { ServiceQuotasClient } from '@aws-sdk/client-service-quotas';
import { SSMClient } from '@aws-sdk/client-ssm';
import { startEmulator, type EmulatorOptions } from '../../src/sandbox/aws/server';
import type { FaultSettings } from '../../src/sandbox/aws/faults';
import type { World } from '../../src/sandbox/aws/world';

export interface TestEmulatorOptions extends EmulatorOptions {
  /** SDK attempts per call (default 1: no retries). */
  maxAttempts?: number;
}

export interface TestClientConfig {
  endpoint: string;
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string };
  maxAttempts: number;
}

export interface TestEmulator {
  url: string;
  world: World;
  region: string;
  /** The settings the clients share (endpoint, region, test credentials, attempts), for building others. */
  clientConfig: TestClientConfig;
  clients: {
    ec2: EC2Client;
    rds: RDSClient;
    elbv2: ElasticLoadBalancingV2Client;
    ssm: SSMClient;
    secretsManager: SecretsManagerClient;
    serviceQuotas: ServiceQuotasClient;
  };
  /** Moves the virtual clock forward. */
  advance(ms: number): void;
  /** Runs `wait` (a real SDK waiter) while the virtual clock jumps `ms` shortly after its first poll. */
  advanceDuring<T>(ms: number, wait: () => Promise<T>): Promise<T>;
  /** Calls the admin API: `admin('POST', '/_sandbox/faults', { throttleRate: 1 })`. */
  admin(method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }>;
  close(): Promise<void>;
}

export async function startTestEmulator(opts: TestEmulatorOptions = {}): Promise<TestEmulator> {
  const { maxAttempts = 1, ...emulatorOpts } = opts;
  const emu = await startEmulator({ port: 0, speed: 0, env: {}, ...emulatorOpts });
  const region = emu.world.region;
  const config: TestClientConfig = {
    endpoint: emu.url,
    region,
    credentials: { accessKeyId: 'AKIDSANDBOXTEST', secretAccessKey: 'sandbox-secret' },
    maxAttempts,
  };
  const clients = {
    ec2: new EC2Client(config),
    rds: new RDSClient(config),
    elbv2: new ElasticLoadBalancingV2Client(config),
    ssm: new SSMClient(config),
    secretsManager: new SecretsManagerClient(config),
    serviceQuotas: new ServiceQuotasClient(config),
  };
  return {
    url: emu.url,
    world: emu.world,
    region,
    clientConfig: config,
    clients,
    advance: (ms) => emu.world.clock.advance(ms),
    async advanceDuring(ms, wait) {
      const timer = setTimeout(() => emu.world.clock.advance(ms), 100);
      try {
        return await wait();
      } finally {
        clearTimeout(timer);
      }
    },
    async admin(method, path, body) {
      const res = await fetch(`${emu.url}${path}`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: await res.json() };
    },
    async close() {
      for (const c of Object.values(clients)) c.destroy();
      await emu.close();
    },
  };
}

/** SDK waiter settings that poll every second and give up after 10 s, for a clock the test moves. */
export function fastWaiter<C>(client: C): {
  client: C;
  minDelay: number;
  maxDelay: number;
  maxWaitTime: number;
} {
  return { client, minDelay: 1, maxDelay: 1, maxWaitTime: 10 };
}

/**
 * EC2's eventual consistency as the reliability and crash tests set it: fresh ids unknown to
 * by-id calls for 5 s, fresh resources missing from Describe by filter for 90 s — longer than
 * the 30 s lease after which a crashed worker's run is resumed, shorter than the create steps'
 * 3 min listing allowance (LISTING_LAG_MS).
 */
export const EVENTUAL_CONSISTENCY: FaultSettings = { eventualConsistencyMs: 5_000, describeLagMs: 90_000 };
