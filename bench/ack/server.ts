/**
 * The bench's target, in its own process so the load generator does not share its event loop:
 * the bot's HTTP receiver with either an in-memory store (default: the bot's own ack path) or
 * the full sandbox with dynalite (`--store dynalite`: includes a local DynamoDB in the process).
 * Reports `{ url, secret }` to the parent over IPC, then runs until killed.
 */
import { LogLevel } from '@slack/bolt';
import { startHttpBot } from '../../src/bot/http-server';
import { loadConfig } from '../../src/config/config';
import { startSandbox } from '../../src/sandbox/sandbox';
import type { StateStore } from '../../src/state/types';
import { createMemoryStore } from '../../test/helpers/memory-store';

async function seed(store: StateStore, region: string): Promise<void> {
  const now = Date.now();
  for (const name of ['alpha', 'beta', 'gamma']) {
    await store.environments.create({
      name,
      channel: 'CBENCH',
      owner: 'U1',
      status: 'ready',
      region,
      multiAz: 'now',
      createdAt: now,
      updatedAt: now,
      expiresAt: now + 86_400_000,
      resources: { vpc: 'vpc-1' },
      outputs: { url: `http://${name}.example` },
    });
  }
}

async function main(): Promise<void> {
  const useDynalite = process.argv.includes('dynalite');
  // Bot ids given up front: the bot never calls auth.test (and never leaves loopback).
  const config = loadConfig({ SLACK_BOT_ID: 'B0BENCH', SLACK_BOT_USER_ID: 'U0BENCH' });
  let url: string;
  if (useDynalite) {
    const sandbox = await startSandbox({ config, logLevel: LogLevel.ERROR });
    await seed(sandbox.store, config.region);
    url = sandbox.urls.bot;
  } else {
    const store = createMemoryStore();
    await seed(store, config.region);
    // The commands measured are all answered in the ack; one that is queued fails the request.
    const jobs = { enqueue: () => Promise.reject(new Error('the HTTP bench queues no job')) };
    const bot = await startHttpBot({ config, store, jobs, port: 0, logLevel: LogLevel.ERROR });
    url = bot.eventsUrl;
  }
  process.send?.({ url, secret: config.slack.signingSecret });
  // The parent asks for our CPU time around the measured phase: CPU per request, independent of load.
  process.on('message', (m) => {
    if (m === 'cpu')
      process.send?.({ cpuMs: process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000 });
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
