/**
 * Several bot "processes" over one DynamoDB (dynalite) and one Slack (faked on loopback), for
 * once-only tests: each process gets its own Slack delivery (outbox with its own lease owner)
 * over the shared outbox table, as overlapping Lambdas or workers would. Call at a test file's
 * top level; read the fields inside tests and hooks only.
 */
import type { SlackOutbox } from '../../src/bot/outbox';
import { buildSlackDelivery, type SlackDelivery } from '../../src/bot/slack-delivery';
import { loadConfig } from '../../src/config/config';
import { createOutboxRepository, type OutboxRepository } from '../../src/state';
import { useDynalite, type DynaliteStore } from './dynalite';
import { startFakeSlack, type FakeSlack } from './fake-slack';

export interface SlackProcesses {
  db: DynaliteStore;
  fake: FakeSlack;
  repo: OutboxRepository;
  /**
   * One process's Slack delivery: `realNow` is its real clock (outbox retries), `later` collects
   * the ids it schedules for another try, `logs` what it logs.
   */
  delivery(realNow: () => number, later: string[], logs: string[]): SlackDelivery;
  /**
   * While Slack fails, time passes a minute (`advance`) a round: in each, every process brings
   * back at once what was scheduled (`later`) and sweeps, with `alsoEachRound` (more passes) —
   * until nothing is due, 30 rounds at most. Returns what `chat.postMessage` was answered, in order.
   */
  redeliverTogether(
    outboxes: Pick<SlackOutbox, 'deliver' | 'sweep'>[],
    later: string[],
    advance: () => void,
    alsoEachRound?: () => Promise<unknown>,
  ): Promise<string[]>;
}

export function useSlackProcesses(): SlackProcesses {
  const db = useDynalite();
  const shared = { db } as SlackProcesses;
  beforeAll(async () => {
    shared.fake = await startFakeSlack();
    shared.repo = createOutboxRepository(db.doc, db.prefix);
  });
  afterAll(async () => {
    await shared.fake?.close();
  });
  shared.delivery = (realNow, later, logs) =>
    buildSlackDelivery({
      config: loadConfig({ SLACK_API_URL: shared.fake.apiUrl, SLACK_BOT_USER_ID: 'U0SITEBOT' }),
      store: db.store,
      outbox: shared.repo,
      deliveries: { deliverLater: async (id) => void later.push(id) },
      realNow,
      log: (line) => logs.push(line),
    });
  shared.redeliverTogether = async (outboxes, later, advance, alsoEachRound) => {
    const due = async () => (await shared.repo.listDue(Number.MAX_SAFE_INTEGER, 50)).length > 0;
    for (let round = 0; round < 30 && (await due()); round++) {
      advance();
      const ids = later.splice(0);
      await Promise.all(ids.flatMap((id) => outboxes.map((o) => o.deliver(id))));
      await Promise.all([...outboxes.map((o) => o.sweep()), alsoEachRound?.()]);
    }
    return shared.fake.calls.filter((c) => c.method === 'chat.postMessage').map((c) => c.answer);
  };
  return shared;
}
