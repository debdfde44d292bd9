/**
 * The emulator's one HTTP server (127.0.0.1 only). It finds the service from the SigV4
 * credential scope in `Authorization` (as other AWS emulators do; `X-Amz-Target` is a fallback
 * for unsigned JSON calls), counts the call, applies injected faults (before the action, or
 * after it: the change is made, then the answer is a fault or a dropped connection), dispatches,
 * and writes the service's wire format. `/_sandbox/*` is the admin API (admin.ts).
 *
 * @example
 *   const emu = await startEmulator({ port: 0, speed: 0 });
 *   const ec2 = new EC2Client({ endpoint: emu.url, region: 'ap-northeast-1', credentials });
 *   ...
 *   await emu.close();
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { handleAdmin } from './admin';
import { defaultSpeed } from './clock';
import type { Durations } from './durations';
import { Faults, type FaultSettings } from './faults';
import { AwsError, serializeError, type WireResponse } from './protocol/errors';
import { parseJsonBody, toJsonBody } from './protocol/json';
import { parseQuery } from './protocol/query';
import type { EmulatedService } from './protocol/service';
import { credentialScope } from './protocol/sigv4';
import { ec2Envelope, queryEnvelope } from './protocol/xml';
import { services as registeredServices } from './services';
import { World } from './world';

export interface EmulatorOptions {
  /** Default 0 (any free port); the start script passes 4566. */
  port?: number;
  host?: '127.0.0.1';
  /** Virtual clock speed; default SANDBOX_SPEED or 60. */
  speed?: number;
  durations?: Partial<Durations>;
  region?: string;
  faults?: FaultSettings;
  /** Where SANDBOX_* settings are read from (default process.env). */
  env?: NodeJS.ProcessEnv;
  /** Services to serve (default: services.ts). */
  services?: EmulatedService[];
}

export interface RunningEmulator {
  url: string;
  port: number;
  world: World;
  close(): Promise<void>;
}

const JSON_TARGETS: Record<string, string> = {
  AmazonSSM: 'ssm',
  secretsmanager: 'secretsmanager',
  ServiceQuotasV20190624: 'servicequotas',
};

function findService(
  services: EmulatedService[],
  headers: http.IncomingHttpHeaders,
): EmulatedService | undefined {
  const scope = credentialScope(headers.authorization);
  if (scope) return services.find((s) => s.signingName === scope.service);
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const signingName = JSON_TARGETS[target.split('.')[0]];
    return services.find((s) => s.signingName === signingName);
  }
  return undefined;
}

/** Close the connection without an answer (an after-action fault of kind `drop`). */
const DROP = Symbol('drop');

async function serveAws(
  world: World,
  service: EmulatedService,
  req: http.IncomingMessage,
  url: URL,
  body: string,
): Promise<WireResponse | typeof DROP> {
  const requestId = world.ids.requestId();
  let action: string;
  let input: Record<string, unknown>;
  if (service.protocol === 'json') {
    const target = String(req.headers['x-amz-target'] ?? '');
    action = target.slice(target.indexOf('.') + 1);
    try {
      input = parseJsonBody(body);
    } catch {
      return serializeError('json', new AwsError('SerializationException', 'Malformed JSON body'), requestId);
    }
  } else {
    const params = { ...Object.fromEntries(url.searchParams), ...parseQuery(body) };
    action = params.Action ?? '';
    input = params;
  }
  if (!action) {
    const code = service.protocol === 'json' ? 'UnknownOperationException' : 'MissingAction';
    return serializeError(
      service.protocol,
      new AwsError(code, 'The request must contain an action'),
      requestId,
      service.xmlns,
    );
  }
  world.countCall(service.signingName, action);
  const fault = world.faults.pick(service.protocol, service.internalErrorCode);
  if (fault) return serializeError(service.protocol, fault, requestId, service.xmlns);
  try {
    const result = await service.handle(action, input, { world, region: world.region, requestId });
    const late = world.faults.pickAfterAction(
      `${service.signingName}:${action}`,
      service.protocol,
      world.clock.now(),
      service.internalErrorCode,
    );
    if (late?.kind === 'drop') return DROP;
    if (late) return serializeError(service.protocol, late.error, requestId, service.xmlns);
    if (service.protocol === 'json') {
      return {
        status: 200,
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amzn-requestid': requestId },
        body: toJsonBody(result),
      };
    }
    const xml =
      service.protocol === 'ec2'
        ? ec2Envelope(action, result, requestId)
        : queryEnvelope(action, result, requestId, service.xmlns);
    return {
      status: 200,
      headers: { 'content-type': 'text/xml;charset=UTF-8', 'x-amzn-requestid': requestId },
      body: xml,
    };
  } catch (err) {
    if (err instanceof AwsError) return serializeError(service.protocol, err, requestId, service.xmlns);
    // A bug in the emulator: answer like AWS's own internal errors so the SDK surfaces it.
    process.stderr.write(
      `[sandbox-aws] ${service.signingName}:${action} failed: ${(err as Error)?.stack ?? err}\n`,
    );
    const code =
      service.protocol === 'ec2' ? 'InternalError' : (service.internalErrorCode ?? 'InternalFailure');
    return serializeError(
      service.protocol,
      new AwsError(code, `emulator error: ${String(err)}`, 500),
      requestId,
      service.xmlns,
    );
  }
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startEmulator(opts: EmulatorOptions = {}): Promise<RunningEmulator> {
  const env = opts.env ?? process.env;
  const envFaults = Faults.fromEnv(env);
  const world = new World({
    region: opts.region,
    clock: { speed: opts.speed ?? defaultSpeed(env) },
    durations: opts.durations,
    faults: { ...envFaults, ...opts.faults },
  });
  const services = opts.services ?? registeredServices;

  const server = http.createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      let out: WireResponse | typeof DROP;
      if (url.pathname.startsWith('/_sandbox/')) {
        const admin = handleAdmin(world, req.method ?? 'GET', url, body);
        out = {
          status: admin.status,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(admin.body),
        };
      } else {
        const service = findService(services, req.headers);
        out = service
          ? await serveAws(world, service, req, url, body)
          : {
              status: 400,
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({
                __type: 'UnrecognizedClientException',
                message: 'No emulated service matches this request (SigV4 credential scope or X-Amz-Target).',
              }),
            };
      }
      if (out === DROP) {
        // The action took effect; the caller sees its connection reset with no answer.
        req.socket.destroy();
        return;
      }
      res.writeHead(out.status, { ...out.headers, 'content-length': Buffer.byteLength(out.body) });
      res.end(out.body);
    })().catch((err: unknown) => {
      process.stderr.write(`[sandbox-aws] request failed: ${String(err)}\n`);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  // Connections stay open until the client or close() ends them. A server-side idle timeout races
  // the client's reuse of the socket (on a busy machine a request can go out just as the server
  // closes it: ECONNRESET), and `Keep-Alive: timeout=1` made the SDK's agent open a new connection
  // for every call. With 0 no timeout is announced or enforced; close() ends every connection.
  server.keepAliveTimeout = 0;

  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://${host}:${port}`,
    port,
    world,
    async close() {
      await world.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
