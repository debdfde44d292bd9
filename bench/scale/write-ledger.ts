/** Counts DynamoDB reads and writes a client makes (commands and items), for the scale benchmarks. */
import type { InitializeHandlerOptions, InitializeMiddleware } from '@smithy/types';

export interface DynamoLedger {
  writes: number;
  reads: number;
  /** Items returned by Query/Scan/GetItem/BatchGetItem. */
  itemsRead: number;
  byCommand: Record<string, number>;
}

interface MiddlewareHost {
  // The client's stack is generic over DynamoDB's inputs; the ledger only reads counts.
  middlewareStack: { add(mw: InitializeMiddleware<object, object>, opts: InitializeHandlerOptions): void };
}

const WRITES = /^(PutItem|UpdateItem|DeleteItem|TransactWriteItems|BatchWriteItem)/;
const READS = /^(GetItem|Query|Scan|BatchGetItem|TransactGetItems)/;

export function attachDynamoLedger(client: unknown): DynamoLedger {
  const ledger: DynamoLedger = { writes: 0, reads: 0, itemsRead: 0, byCommand: {} };
  (client as MiddlewareHost).middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      const name = (context.commandName ?? '?').replace(/Command$/, '');
      ledger.byCommand[name] = (ledger.byCommand[name] ?? 0) + 1;
      if (WRITES.test(name)) ledger.writes++;
      if (READS.test(name)) {
        ledger.reads++;
        const out = result.output as {
          Items?: unknown[];
          Item?: unknown;
          Responses?: Record<string, unknown[]>;
        };
        ledger.itemsRead += out.Items?.length ?? (out.Item ? 1 : 0);
        for (const items of Object.values(out.Responses ?? {})) ledger.itemsRead += items.length;
      }
      return result;
    },
    { step: 'initialize', name: 'scaleDynamoLedger' },
  );
  return ledger;
}

/** Peak resident set size of this process so far, in MB (the kernel's high-water mark). */
export function peakRssMb(): number {
  return process.resourceUsage().maxRSS / 1024;
}
