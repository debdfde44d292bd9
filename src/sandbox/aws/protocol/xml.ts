/**
 * Generic XML serialization for the EC2 and Query protocols: handlers return plain objects
 * whose keys are the wire element names; lists are wrapped with `xmlList(memberName, items)`
 * because each protocol names list members differently (EC2 `item`, ELBv2 `member`, RDS
 * per-shape names such as `DBInstance`). Dates become ISO 8601, booleans `true`/`false`,
 * `undefined`/`null` members are omitted.
 */

export class XmlList {
  constructor(
    readonly memberName: string,
    readonly items: readonly unknown[],
  ) {}
}

/** A list on the wire: `<key><memberName>…</memberName>…</key>`. */
export function xmlList(memberName: string, items: readonly unknown[]): XmlList {
  return new XmlList(memberName, items);
}

export function escapeXml(s: string): string {
  return s.replace(/[<>&'"]/g, (c) =>
    c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '&' ? '&amp;' : c === "'" ? '&apos;' : '&quot;',
  );
}

/** Serializes one value's content (without its own element). */
export function toXml(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof XmlList) {
    return value.items.map((item) => element(value.memberName, item)).join('');
  }
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return escapeXml(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) {
    throw new Error('plain arrays are ambiguous on the wire: wrap them with xmlList(memberName, items)');
  }
  if (typeof value === 'object') {
    return Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined && v !== null)
      .map(([k, v]) => element(k, v))
      .join('');
  }
  throw new Error(`cannot serialize ${typeof value} to XML`);
}

function element(name: string, value: unknown): string {
  return `<${name}>${toXml(value)}</${name}>`;
}

export const EC2_XMLNS = 'http://ec2.amazonaws.com/doc/2016-11-15/';

/** `<{Action}Response xmlns=ec2><requestId/>…</{Action}Response>` */
export function ec2Envelope(action: string, result: unknown, requestId: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<${action}Response xmlns="${EC2_XMLNS}"><requestId>${requestId}</requestId>${toXml(result)}</${action}Response>`
  );
}

/** `<{Action}Response xmlns><{Action}Result>…</{Action}Result><ResponseMetadata><RequestId/></ResponseMetadata></{Action}Response>` */
export function queryEnvelope(action: string, result: unknown, requestId: string, xmlns?: string): string {
  const ns = xmlns ? ` xmlns="${xmlns}"` : '';
  return (
    `<${action}Response${ns}><${action}Result>${toXml(result)}</${action}Result>` +
    `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`
  );
}
