/** Signs a request body exactly as Slack does: v0 HMAC-SHA256 over `v0:<timestamp>:<body>`. */
import { createHmac } from 'node:crypto';

export function slackSignature(signingSecret: string, timestampSec: number, body: string): string {
  const hmac = createHmac('sha256', signingSecret).update(`v0:${timestampSec}:${body}`);
  return `v0=${hmac.digest('hex')}`;
}

export function signedHeaders(signingSecret: string, body: string, nowMs: number): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(timestamp),
    'x-slack-signature': slackSignature(signingSecret, timestamp, body),
  };
}
