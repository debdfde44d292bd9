/**
 * The teardown receipt in words (src/workflows/destroy/receipt.ts builds it as said lines): the
 * outcome, what was deleted by type, what was kept because it was not ours, what remains and why.
 */
import type { Formatter } from '../../domain/format';
import type { InventoryTexts } from './inventory';

export const receipt = (f: Formatter, inventory: InventoryTexts) => ({
  destroyed: (a: { env: string; ms: number; n: number }) =>
    `Destroyed ${a.env} in ${f.duration(a.ms)}: ${inventory.total({ n: a.n })} deleted. 0 resources tagged for ${a.env} remain.`,
  stopped: (a: { env: string; cancelled: boolean; ms: number; n: number; remaining: number }) =>
    `Teardown of ${a.env} ${a.cancelled ? 'was cancelled' : 'stopped'} after ${f.duration(a.ms)}: ${inventory.total({ n: a.n })} deleted, ${a.remaining} tagged for ${a.env} remain. Run /site destroy ${a.env} again to resume.`,
  none: () => 'No teardown receipt recorded.',
  deleted: (a: { type: string; ids: string[] }) =>
    `deleted ${inventory.count({ type: a.type, n: a.ids.length })}: ${a.ids.join(', ')}`,
  kept: (a: { type: string; id: string; reason: string }) =>
    `kept ${inventory.label({ type: a.type, n: 1 })} ${a.id}: ${a.reason}`,
  remains: (a: { type: string; id: string; reason: string }) =>
    `remains: ${inventory.label({ type: a.type, n: 1 })} ${a.id}: ${a.reason}`,
  /** Why a resource was not deleted: AWS's own answer, with the interfaces still in a subnet. */
  interfacesLeft: (a: { reason: string; ids: string[] }) =>
    `${a.reason}; network interfaces still in it: ${a.ids.join(', ')}`,
});

export type ReceiptTexts = ReturnType<typeof receipt>;
