/**
 * The outbox table on dynalite: each condition the delivery rules rely on holds against
 * concurrent callers (one add per id, one lease at a time, one claim per key, version-checked
 * saves), due messages are found through the sparse GSI, and items read back are checked.
 */
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { ConflictError, createOutboxRepository, tableNames, type OutboxRepository } from '../../../src/state';
import { useDynalite } from '../../helpers/dynalite';

const T0 = 1_800_000_000_000;
const note = (id: string) => ({
  id,
  about: { purpose: 'test', env: 'demo' },
  steps: [{ op: 'post' as const, channel: 'C1', text: `note ${id}` }],
});

describe('outbox repository (dynalite)', () => {
  const db = useDynalite();
  let repo: OutboxRepository;
  beforeAll(() => {
    repo = createOutboxRepository(db.doc, db.prefix);
  });

  it('adds a message once however many add it at the same time', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => repo.add(note('once'), T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repo.get('once')).toMatchObject({
      status: 'pending',
      done: 0,
      attempts: 0,
      dueAt: T0,
      version: 1,
    });
  });

  it('leases a due message to one owner at a time; an expired lease can be taken over', async () => {
    await repo.add(note('lease'), T0);
    const owners = ['a', 'b', 'c', 'd', 'e'];
    const leases = await Promise.all(owners.map((o) => repo.lease('lease', o, T0, 60_000)));
    const held = leases.filter((l) => l !== undefined);
    expect(held).toHaveLength(1);
    expect(await repo.lease('lease', 'f', T0 + 60_000, 60_000)).toBeUndefined();
    expect(await repo.lease('lease', 'f', T0 + 60_001, 60_000)).toMatchObject({ lease: { owner: 'f' } });
  });

  it('does not lease a message before it is due, or once it is delivered', async () => {
    await repo.add(note('later'), T0);
    const leased = (await repo.lease('later', 'a', T0, 1_000))!;
    await repo.save({ ...leased, lease: undefined, dueAt: T0 + 5_000 });
    expect(await repo.lease('later', 'a', T0 + 4_999, 1_000)).toBeUndefined();
    const due = (await repo.lease('later', 'a', T0 + 5_000, 1_000))!;
    await repo.save({ ...due, status: 'delivered', lease: undefined });
    expect(await repo.lease('later', 'a', T0 + 9_999_999, 1_000)).toBeUndefined();
  });

  it('refuses a save from a stale copy (someone else took the message meanwhile)', async () => {
    await repo.add(note('stale'), T0);
    const mine = (await repo.lease('stale', 'a', T0, 1_000))!;
    const theirs = (await repo.lease('stale', 'b', T0 + 2_000, 1_000))!;
    await repo.save({ ...theirs, done: 1 });
    await expect(repo.save({ ...mine, done: 1 })).rejects.toBeInstanceOf(ConflictError);
  });

  it('lists pending messages that are due, oldest first, and nothing delivered or not yet due', async () => {
    for (const id of ['due-1', 'due-2', 'not-due', 'done']) await repo.add(note(id), T0 + 100);
    const notDue = (await repo.lease('not-due', 'a', T0 + 100, 1_000))!;
    await repo.save({ ...notDue, lease: undefined, dueAt: T0 + 50_000 });
    const done = (await repo.lease('done', 'a', T0 + 100, 1_000))!;
    await repo.save({ ...done, status: 'delivered', lease: undefined });
    const due = (await repo.listDue(T0 + 1_000, 50)).map((m) => m.id);
    expect(due).toEqual(expect.arrayContaining(['due-1', 'due-2']));
    expect(due).not.toContain('not-due');
    expect(due).not.toContain('done');
  });

  it('gives a once-only key to exactly one of many claimers', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => repo.claimOnce('job#abc', T0)));
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await repo.claimOnce('job#def', T0)).toBe(true);
  });

  it("remembers a run's replacement message", async () => {
    expect(await repo.runMessage('run-9')).toBeUndefined();
    await repo.setRunMessage('run-9', { channel: 'C1', ts: '5.000001' }, T0);
    expect(await repo.runMessage('run-9')).toEqual({ channel: 'C1', ts: '5.000001' });
  });

  it('refuses to read back a message whose stored shape is wrong', async () => {
    await db.doc.send(
      new PutCommand({
        TableName: tableNames(db.prefix).outbox,
        Item: { id: 'msg#broken', status: 'pending', steps: [{ op: 'explode' }], version: 1 },
      }),
    );
    await expect(repo.get('broken')).rejects.toThrow();
  });
});
