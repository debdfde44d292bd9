/**
 * An in-process dynalite on loopback with sitebot's tables created under a fresh prefix.
 * Tables are created and deleted instantly (no simulated delays), so tests never wait on them.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { createAwsClients } from '../../src/aws/clients';
import { createStateStore, type StateStore } from '../../src/state';
import { ensureTables } from '../../src/state/tables';

// dynalite ships no type declarations; this is the part of its API we use.
type DynaliteFactory = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => Server;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS module
const dynalite = require('dynalite') as DynaliteFactory;

export interface DynaliteHandle {
  endpoint: string;
  doc: DynamoDBDocumentClient;
  client: DynamoDBClient;
  /** Table prefix the tables were created under (`<prefix>-environments`, …). */
  prefix: string;
  close(): Promise<void>;
}

let started = 0;

export async function startDynalite(): Promise<DynaliteHandle> {
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const aws = createAwsClients({
    region: 'us-east-1',
    endpoints: { dynamodb: endpoint },
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    // Retries absorb a slow connect when the whole suite shares two busy cores.
    maxAttempts: 4,
  });
  const prefix = `t${process.pid}-${++started}`;
  const close = async () => {
    aws.dynamodb.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
  try {
    await ensureTables(aws.dynamodb, prefix);
  } catch (err) {
    await close();
    throw err;
  }
  return { endpoint, doc: aws.doc, client: aws.dynamodb, prefix, close };
}

export interface DynaliteStore extends DynaliteHandle {
  /** sitebot's repositories on this dynalite's tables. */
  store: StateStore;
}

/**
 * One dynalite (with its state store) for the enclosing describe block, or the file at top
 * level: started in beforeAll, closed in afterAll. Its fields are set once beforeAll has run,
 * so read them inside tests and hooks only.
 */
export function useDynalite(): DynaliteStore {
  const db = {} as DynaliteStore;
  beforeAll(async () => {
    Object.assign(db, await startDynalite());
    db.store = createStateStore(db.doc, db.prefix);
  });
  afterAll(() => db.close());
  return db;
}
