import { english } from '../../../../src/i18n/english';
/**
 * The destroy workflow on the AWS emulator after a real create, through the real runner with
 * the emulator's virtual clock: nothing tagged for the env is left, the lingering ALB ENIs
 * are waited out, a second destroy is harmless, an untagged recorded resource is reported and
 * kept, and the env record ends `destroyed` with a receipt. (Decoys of every type: decoys.test.ts.)
 */
import { UntagRoleCommand } from '@aws-sdk/client-iam';
import { DescribeSecretCommand, UntagResourceCommand } from '@aws-sdk/client-secrets-manager';
import { renderReceipt, receiptOf } from '../../../../src/workflows/destroy/receipt';
import { startDestroy } from '../../../../src/workflows/destroy/start';
import { CHANNEL, createFully, destroyFully, OWNER, startHarness, taggedFor, type Harness } from './harness';
import { inEnglish } from '../../../helpers/english-said';

jest.setTimeout(120_000);

const MIN = 60_000;

/** The receipt in English, one line each, as a reader would see it. */
function receiptText(summary: unknown): string {
  const r = renderReceipt(summary);
  return [r.headline, ...r.lines].map((s) => english(s)).join('\n');
}

describe('destroy after a full create', () => {
  let h: Harness;
  afterEach(async () => {
    await h.close();
  });

  it('leaves nothing tagged for the env, ends the env destroyed and writes a receipt', async () => {
    h = await startHarness();
    await createFully(h, 'demo');
    const before = taggedFor(h, 'demo');
    expect(before.length).toBeGreaterThan(15);
    const run = await destroyFully(h, 'demo');

    expect(run.status).toBe('succeeded');
    expect(taggedFor(h, 'demo')).toEqual([]);
    const receipt = receiptOf(run.summary)!;
    expect(receipt.remaining).toEqual([]);
    expect(run.summary?.remaining).toEqual([]);
    const types = new Set(receipt.deleted.map((d) => d.type));
    for (const t of [
      'vpc',
      'subnet',
      'internet-gateway',
      'route-table',
      'security-group',
      'instance',
      'image',
      'snapshot',
      'db-instance',
      'db-subnet-group',
      'load-balancer',
      'listener',
      'target-group',
      'secret',
      'iam-role',
      'instance-profile',
    ])
      expect(types).toContain(t);
    // Every tagged resource the create made is in the receipt (ENIs of the ALB/DB/instances are AWS's).
    const deletedIds = new Set(receipt.deleted.map((d) => d.id));
    for (const r of before.filter((r) => r.type !== 'network-interface')) expect(deletedIds).toContain(r.id);
    expect(english(renderReceipt(run.summary).headline)).toMatch(/0 resources tagged for demo remain/);

    const env = await h.store.environments.get('demo');
    expect(env).toMatchObject({ status: 'destroyed', resources: {}, lastRunId: run.runId });
    expect(env?.currentRunId).toBeUndefined();
    const audit = await h.store.audit.list('demo', 50);
    const receiptEvent = audit.find((e) => e.action === 'destroy.receipt');
    expect(receiptEvent).toMatchObject({ actor: OWNER, detail: { runId: run.runId, confirmedBy: OWNER } });
    expect((receiptEvent?.detail?.deleted as string[]).length).toBe(receipt.deleted.length);
    expect(audit.some((e) => e.action === 'create.succeeded')).toBe(true);
    // The name can be created again.
    await expect(
      h.store.environments.create({ ...env!, status: 'creating', resources: {}, outputs: {} }),
    ).resolves.toMatchObject({ status: 'creating' });
  });

  it('waits out ALB ENIs that linger after the load balancer is gone (DependencyViolation), then finishes', async () => {
    h = await startHarness();
    await createFully(h, 'demo');
    h.emu.world.faults.set({ eniLingerMs: 10 * MIN });
    const t0 = h.clock.now();
    const run = await destroyFully(h, 'demo');
    expect(run.status).toBe('succeeded');
    expect(taggedFor(h, 'demo')).toEqual([]);
    const blocked = h.notes.filter((n) => n.runId === run.runId && /DependencyViolation/.test(n.note));
    expect(blocked.map((n) => n.stepId)).toEqual(
      expect.arrayContaining(['internet-gateway', 'security-groups', 'subnets']),
    );
    expect(blocked.some((n) => /mapped public address/.test(n.note))).toBe(true);
    // Not before the ENIs were gone, and not long after.
    const elapsed = h.clock.now() - t0;
    expect(elapsed).toBeGreaterThanOrEqual(10 * MIN);
    expect(elapsed).toBeLessThan(10 * MIN + 1 * MIN);
  });

  it('gives up after its budget saying what remains, and a second destroy resumes and finishes', async () => {
    h = await startHarness({ destroy: { budgetMs: 5 * MIN } });
    await createFully(h, 'demo');
    h.emu.world.faults.set({ eniLingerMs: 15 * MIN });
    const first = await destroyFully(h, 'demo');
    expect(first.status).toBe('failed');
    const receipt = receiptOf(first.summary)!;
    expect(receipt.remaining.map((r) => r.type)).toEqual(expect.arrayContaining(['vpc', 'subnet']));
    expect(receipt.remaining.find((r) => r.type === 'vpc')?.reason).toBeTruthy();
    expect(english(renderReceipt(first.summary).headline)).toMatch(
      /remain\. Run \/site destroy demo again to resume/,
    );
    const env = await h.store.environments.get('demo');
    expect(env?.status).toBe('destroying');
    expect(env?.meta?.destroyFailure).toMatchObject({ runId: first.runId });

    h.clock.advance(15 * MIN);
    const second = await destroyFully(h, 'demo');
    expect(second.status).toBe('succeeded');
    expect(taggedFor(h, 'demo')).toEqual([]);
    expect((await h.store.environments.get('demo'))?.status).toBe('destroyed');
  });

  it('a cancelled teardown keeps the env destroying, says what remains, and the next one finishes', async () => {
    h = await startHarness();
    await createFully(h, 'demo');
    const started = await startDestroy(h.main.service, h.store, {
      env: 'demo',
      requestedBy: OWNER,
      channel: CHANNEL,
    });
    if (started.status !== 'started') throw new Error(JSON.stringify(started.message));
    // Let the first deletions happen (the DB is still being deleted), then cancel.
    await h.main.scheduler.runDue();
    h.clock.advance(20_000);
    await h.main.scheduler.runDue();
    await h.main.service.cancelRun(started.run.runId, 'U0ADMIN');
    await h.main.scheduler.drain();

    const cancelled = (await h.store.runs.get(started.run.runId))!;
    expect(cancelled.status).toBe('cancelled');
    const receipt = receiptOf(cancelled.summary)!;
    expect(receipt.deleted.length).toBeGreaterThan(0);
    expect(receipt.remaining.map((r) => r.type)).toEqual(expect.arrayContaining(['db-instance', 'vpc']));
    expect(english(renderReceipt(cancelled.summary).headline)).toMatch(
      /was cancelled .* Run \/site destroy demo again to resume/,
    );
    expect(await h.store.environments.get('demo')).toMatchObject({
      status: 'destroying',
      meta: { destroyFailure: { runId: started.run.runId } },
    });

    const again = await destroyFully(h, 'demo');
    expect(again.status).toBe('succeeded');
    expect(taggedFor(h, 'demo')).toEqual([]);
    expect((await h.store.environments.get('demo'))?.meta?.destroyFailure).toBeUndefined();
  });

  it('destroying twice is harmless: the second run succeeds with nothing to delete', async () => {
    h = await startHarness();
    await createFully(h, 'demo');
    await destroyFully(h, 'demo');
    const second = await destroyFully(h, 'demo');
    expect(second.status).toBe('succeeded');
    expect(receiptOf(second.summary)).toMatchObject({ deleted: [], remaining: [] });
    expect((await h.store.environments.get('demo'))?.status).toBe('destroyed');
  });

  it('reports a recorded resource without the env tags and never deletes it', async () => {
    h = await startHarness();
    await createFully(h, 'demo');
    const env = await h.store.environments.get('demo');
    const secretArn = env!.resources.credentials;
    expect(secretArn).toBeTruthy();
    await h.emu.clients.secretsManager.send(
      new UntagResourceCommand({ SecretId: secretArn, TagKeys: ['sitebot:managed'] }),
    );
    await h.iam.send(new UntagRoleCommand({ RoleName: 'sitebot-demo-web', TagKeys: ['sitebot:env'] }));

    const run = await destroyFully(h, 'demo');
    expect(run.status).toBe('succeeded');
    const receipt = receiptOf(run.summary)!;
    expect(inEnglish(receipt.skipped)).toEqual(
      expect.arrayContaining([
        { type: 'secret', id: secretArn, reason: 'not deleted: not tagged for demo' },
        { type: 'iam-role', id: 'sitebot-demo-web', reason: 'not deleted: not tagged for demo' },
      ]),
    );
    expect(receipt.deleted.map((d) => d.id)).not.toContain(secretArn);
    const secret = await h.emu.clients.secretsManager.send(
      new DescribeSecretCommand({ SecretId: secretArn }),
    );
    expect(secret.DeletedDate).toBeUndefined();
    expect(h.emu.world.listResources().some((r) => r.type === 'role' && r.id === 'sitebot-demo-web')).toBe(
      true,
    );
    expect(receiptText(run.summary)).toContain(`secret ${secretArn}: not deleted: not tagged for demo`);
  });
});
