/** dynalite in-process on loopback: the sandbox's DynamoDB. */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

// dynalite ships no type declarations; this is the part of its API we use.
type DynaliteFactory = (options: {
  createTableMs: number;
  deleteTableMs: number;
  updateTableMs: number;
}) => Server;
// eslint-disable-next-line @typescript-eslint/no-require-imports -- untyped CommonJS module
const dynalite = require('dynalite') as DynaliteFactory;

export interface LocalDynamo {
  endpoint: string;
  port: number;
  close(): Promise<void>;
}

/** In memory (nothing survives a restart); tables become ACTIVE at once. */
export async function startLocalDynamo(options: { port?: number; host?: string } = {}): Promise<LocalDynamo> {
  const host = options.host ?? '127.0.0.1';
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://${host}:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
