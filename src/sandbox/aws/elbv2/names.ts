/** ELBv2 name rules and ARNs. */
import { randomBytes } from 'crypto';
import { elbErrors } from './errors';

const NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/;

/** Load balancer and target group names: 1–32 alphanumerics or hyphens, no hyphen at either end. */
export function checkName(kind: 'Load balancer' | 'Target group', name: string | undefined): string {
  if (name === undefined || name === '') throw elbErrors.validation(`${kind} name cannot be empty`);
  if (name.length > 32)
    throw elbErrors.validation(`${kind} name '${name}' cannot be longer than '32' characters`);
  if (!NAME.test(name)) {
    throw elbErrors.validation(
      `${kind} name '${name}' can only contain characters that are alphanumeric characters or hyphens(-) and cannot begin or end with a hyphen`,
    );
  }
  if (name.toLowerCase().startsWith('internal-')) {
    throw elbErrors.validation(`${kind} name '${name}' cannot begin with 'internal-'`);
  }
  return name;
}

export function hexId(): string {
  return randomBytes(8).toString('hex');
}

export function elbArn(region: string, accountId: string, resource: string): string {
  return `arn:aws:elasticloadbalancing:${region}:${accountId}:${resource}`;
}
