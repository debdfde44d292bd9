/**
 * The destroy workflow on the AWS emulator after a real create, through the real runner with
 * the emulator's virtual clock: nothing tagged for the env is left, the lingering ALB ENIs
 * are waited out, and the env record ends `destroyed` with a receipt.
 */
import { renderReceipt, receiptOf } from '../../../../src/workflows/destroy/receipt';
import { createFully, destroyFully, startHarness, taggedFor, type Harness } from './harness';

jest.setTimeout(120_000);

describe('destroy after a full create', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it('leaves nothing tagged for the env and writes a receipt', async () => {
    await createFully(h, 'demo');
    expect(taggedFor(h, 'demo').length).toBeGreaterThan(15);
    const t0 = h.clock.now();
    const run = await destroyFully(h, 'demo');
    expect(run.status).toBe('succeeded');
    expect(taggedFor(h, 'demo')).toEqual([]);
    const receipt = receiptOf(run.summary)!;
    expect(receipt.remaining).toEqual([]);
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
    expect(renderReceipt(run.summary).headline).toMatch(/0 resources tagged for demo remain/);
    console.log(renderReceipt(run.summary).text, (h.clock.now() - t0) / 1000);
  });
});
