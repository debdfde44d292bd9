/**
 * 20 people type `/site create same-name` at the same moment: exactly one run starts, the
 * other 19 are told who holds the name (or the run), and nothing else is written.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { tableNames } from '../../src/state/tables';
import { startTestSandbox, type TestSandbox } from '../helpers/sandbox';

let sb: TestSandbox;

beforeAll(async () => {
  sb = await startTestSandbox({ speed: 0 });
});
afterAll(async () => {
  await sb?.stop();
});

test('20 simultaneous creates of one name: one run, 19 told who holds it', async () => {
  const users = Array.from({ length: 20 }, (_, i) => `URACE${String(i).padStart(2, '0')}`);
  const answers = await Promise.all(users.map((u) => sb.command('create same-name', u, 'CRACE')));
  for (const a of answers) expect(a.status).toBe(200);
  const texts = answers.map((a) => (JSON.parse(a.body) as { text: string }).text);

  const runs = await sb.clients.dynamodb.send(
    new ScanCommand({ TableName: tableNames(sb.config.tablePrefix).runs }),
  );
  const forEnv = (runs.Items ?? []).filter((i) => i.env?.S === 'same-name');
  expect(forEnv).toHaveLength(1);
  const env = await sb.store.environments.get('same-name');
  expect(env).toBeDefined();
  const winner = env!.owner;
  expect(users).toContain(winner);

  const winnerText = texts[users.indexOf(winner)];
  const losers = texts.filter((_, i) => users[i] !== winner);
  expect(losers).toHaveLength(19);
  for (const t of losers) {
    expect(t).toContain(`<@${winner}>`);
    expect(t).not.toEqual(winnerText);
  }
}, 60_000);
