/**
 * Reading a receipt back from a stored run summary, strictly, and the headline of a cancelled
 * teardown. Written against the mutants that survived receipt.test.ts (quality/README.md).
 */
import { receiptOf, renderReceipt } from '../../../../src/workflows/destroy/receipt';
import { english } from '../../../../src/i18n/english';
import { inEnglish } from '../../../helpers/english-said';

describe('receiptOf', () => {
  test('what is not a receipt reads as none', () => {
    for (const summary of [null, undefined, 'receipt', 42, {}, { receipt: null }])
      expect(receiptOf(summary)).toBeUndefined();
    expect(receiptOf({ env: 42, deleted: [] })).toBeUndefined();
    expect(receiptOf({ env: 'demo', deleted: 'vpc-1' })).toBeUndefined();
    expect(receiptOf({ receipt: { env: 'demo' } })).toBeUndefined();
  });

  test('a bare receipt with only its env and deletions gets the defaults', () => {
    expect(receiptOf({ env: 'demo', deleted: [{ type: 'vpc', id: 'vpc-1' }] })).toEqual({
      env: 'demo',
      runId: '',
      status: 'succeeded',
      deleted: [{ type: 'vpc', id: 'vpc-1' }],
      skipped: [],
      remaining: [],
      elapsedMs: 0,
    });
  });
});

describe('renderReceipt', () => {
  test('no receipt: one line and nothing else', () => {
    expect(inEnglish(renderReceipt(null))).toEqual({
      headline: 'No teardown receipt recorded.',
      lines: [],
      clean: false,
    });
  });

  test('a cancelled teardown says so; a stopped one says stopped', () => {
    const receipt = {
      env: 'demo',
      runId: 'r1',
      deleted: [{ type: 'vpc', id: 'vpc-1' }],
      remaining: [{ type: 'subnet', id: 'subnet-1', reason: 'in use' }],
      elapsedMs: 90_000,
    };
    expect(english(renderReceipt({ ...receipt, status: 'cancelled' }).headline)).toBe(
      'Teardown of demo was cancelled after 1m 30s: 1 resource deleted, 1 tagged for demo remain. Run /site destroy demo again to resume.',
    );
    expect(english(renderReceipt({ ...receipt, status: 'failed' }).headline)).toMatch(
      /^Teardown of demo stopped after 1m 30s:/,
    );
  });
});
