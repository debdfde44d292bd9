/**
 * AWS's error envelope per wire protocol. Handlers throw `AwsError(code, message, status)`;
 * the server turns it into the exact shape the SDK's deserializer reads:
 *  - EC2 Query: `<Response><Errors><Error><Code/><Message/></Error></Errors><RequestID/></Response>`
 *  - Query (RDS, ELBv2): `<ErrorResponse xmlns><Error><Type>Sender|Receiver</Type><Code/><Message/></Error><RequestId/></ErrorResponse>`
 *  - JSON 1.1 (SSM, Secrets Manager): `{"__type": code, "message": ...}` plus the `x-amzn-ErrorType` header.
 * The SDK raises an exception whose `name` is the code, so callers match on AWS's real codes.
 */
import { escapeXml } from './xml';

export type WireProtocol = 'ec2' | 'query' | 'json';

export class AwsError extends Error {
  constructor(
    public readonly code: string,
    message: string,
    public readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function serializeError(
  protocol: WireProtocol,
  err: AwsError,
  requestId: string,
  xmlns?: string,
): WireResponse {
  const code = escapeXml(err.code);
  const message = escapeXml(err.message);
  if (protocol === 'json') {
    return {
      status: err.status,
      headers: {
        'content-type': 'application/x-amz-json-1.1',
        'x-amzn-errortype': err.code,
        'x-amzn-requestid': requestId,
      },
      body: JSON.stringify({ __type: err.code, message: err.message }),
    };
  }
  const headers = { 'content-type': 'text/xml', 'x-amzn-requestid': requestId };
  if (protocol === 'ec2') {
    return {
      status: err.status,
      headers,
      body:
        '<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<Response><Errors><Error><Code>${code}</Code><Message>${message}</Message></Error></Errors>` +
        `<RequestID>${requestId}</RequestID></Response>`,
    };
  }
  // Query protocol: "Sender" for the caller's fault, "Receiver" for the service's.
  const type = err.status >= 500 ? 'Receiver' : 'Sender';
  const ns = xmlns ? ` xmlns="${xmlns}"` : '';
  return {
    status: err.status,
    headers,
    body:
      `<ErrorResponse${ns}><Error><Type>${type}</Type><Code>${code}</Code><Message>${message}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
