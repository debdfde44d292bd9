/**
 * sitebot's state in DynamoDB (all tables on-demand, defined once in ./tables.ts):
 *
 * - `<prefix>-environments`  pk `name`. Sparse GSI `active` (`activeShard`, `activeSort` =
 *   `<channel>#<name>`) holds only envs that are not destroyed: listing, per channel too, is a Query.
 * - `<prefix>-runs`          pk `runId`. GSI `by-env` (`env`, `createdAt`); sparse GSI `running`
 *   (`runningShard`, `createdAt`) holds only running runs, for resuming after a restart.
 * - `<prefix>-locks`         pk `env`. One item while a run owns the env; also people's settings
 *   (`user#<id>`, ./preferences-repository.ts), whose key can never be an env name.
 * - `<prefix>-audit`         pk `env`, sk `<zero-padded at>#<random>`. Who did what, when.
 * - `<prefix>-outbox`        pk `id`. What the bot still owes Slack (sparse GSI `pending` on
 *   `pendingShard`, `dueAt`), once-only claims, replaced progress messages: ./outbox-repository.ts.
 * - in the locks table, under keys no env name can take (`spend#…`): each channel's monthly
 *   spend of destroyed envs (`spend#<channel>#<YYYY-MM>`), ./spend-ledger.ts.
 *
 * Why no transactions: each write touches one item and is made safe on its own by a condition
 * (create-if-absent, `version = :expected`, lease free/expired/ours, lock held by this run), and
 * the workflows are written so that any single write can be the last one before a crash. That
 * keeps us on operations dynalite (the sandbox and tests) implements; TransactWriteItems it lacks.
 * Nothing relies on DynamoDB TTL deletion either: expiry is decided by comparing times we store.
 */
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoAuditRepository } from './audit-repository';
import { DynamoEnvironmentsRepository } from './environments-repository';
import { DynamoLocksRepository } from './locks-repository';
import { DynamoOutboxRepository, type OutboxRepository } from './outbox-repository';
import { DynamoPreferencesRepository } from './preferences-repository';
import { DynamoRunsRepository } from './runs-repository';
import { DynamoSpendLedger } from './spend-ledger';
import { tableNames } from './tables';
import type { PreferencesRepository, StateStore } from './types';

export function createStateStore(doc: DynamoDBDocumentClient, prefix: string): StateStore {
  const names = tableNames(prefix);
  return {
    environments: new DynamoEnvironmentsRepository(doc, names.environments),
    runs: new DynamoRunsRepository(doc, names.runs),
    locks: new DynamoLocksRepository(doc, names.locks),
    audit: new DynamoAuditRepository(doc, names.audit),
    spend: new DynamoSpendLedger(doc, names.locks),
    preferences: new DynamoPreferencesRepository(doc, names.locks),
  };
}

/** The outbox (and once-only claims) for what the bot sends Slack. */
export function createOutboxRepository(doc: DynamoDBDocumentClient, prefix: string): OutboxRepository {
  return new DynamoOutboxRepository(doc, tableNames(prefix).outbox);
}

/** People's own settings (`/site lang`), stored beside the locks. */
export function createPreferences(doc: DynamoDBDocumentClient, prefix: string): PreferencesRepository {
  return new DynamoPreferencesRepository(doc, tableNames(prefix).locks);
}

export * from './types';
export * from './outbox-repository';
export {
  ensureTables,
  tableDefinitions,
  tableNames,
  INDEX,
  type EnsuredTables,
  type TableNames,
} from './tables';
export { DynamoAuditRepository, auditSortKey } from './audit-repository';
