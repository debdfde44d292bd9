/**
 * Running the packaged Lambda artifacts outside Lambda (the artifact test, bench/ack's Lambda
 * mode): the one file of a serverless-esbuild zip, and a fake SSM that hands them their secrets.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { inflateRawSync } from 'node:zlib';

export const SIGNING_SECRET = 'artifact-test-signing-secret-0123456789';
export const BOT_TOKEN = 'xoxb-0000-artifact-test';
export const PARAMS = { signing: '/sitebot/ci/slack-signing-secret', token: '/sitebot/ci/slack-bot-token' };

/**
 * The one file in a serverless-esbuild zip. Sizes come from the central directory: the local
 * header may defer them to a data descriptor.
 */
export function unzipOnlyFile(zip: Buffer): { name: string; data: Buffer } {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a zip');
  if (zip.readUInt16LE(eocd + 10) !== 1) throw new Error('expected exactly one file in the artifact');
  const central = zip.readUInt32LE(eocd + 16);
  const method = zip.readUInt16LE(central + 10);
  const compressedSize = zip.readUInt32LE(central + 20);
  const nameLength = zip.readUInt16LE(central + 28);
  const name = zip.subarray(central + 46, central + 46 + nameLength).toString('utf8');
  const local = zip.readUInt32LE(central + 42);
  const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
  const raw = zip.subarray(start, start + compressedSize);
  return { name, data: method === 8 ? inflateRawSync(raw) : raw };
}

export interface FakeSsm {
  url: string;
  targets: string[];
  close(): Promise<void>;
}

/** Answers GetParameters like SSM's JSON protocol; records every call's X-Amz-Target. */
export async function startFakeSsm(): Promise<FakeSsm> {
  const targets: string[] = [];
  const body = async (req: IncomingMessage) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks).toString('utf8');
  };
  const server: Server = createServer((req, res) => {
    void body(req).then((text) => {
      const target = String(req.headers['x-amz-target'] ?? '');
      targets.push(target);
      const input = JSON.parse(text || '{}') as { Names?: string[]; WithDecryption?: boolean };
      const values: Record<string, string> = { [PARAMS.signing]: SIGNING_SECRET, [PARAMS.token]: BOT_TOKEN };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'AmazonSSM.GetParameters' || input.WithDecryption !== true) {
        res.statusCode = 400;
        res.end(JSON.stringify({ __type: 'ValidationException', message: `unexpected ${target}` }));
        return;
      }
      const names = input.Names ?? [];
      res.end(
        JSON.stringify({
          Parameters: names
            .filter((n) => values[n])
            .map((n) => ({ Name: n, Value: values[n], Type: 'SecureString' })),
          InvalidParameters: names.filter((n) => !values[n]),
        }),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    targets,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
