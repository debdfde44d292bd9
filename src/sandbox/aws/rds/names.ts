/** RDS identifier rules and the ARNs / host names RDS derives from them. */
import { randomBytes } from 'crypto';
import { rdsErrors } from './errors';

const IDENTIFIER = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

/** RDS stores identifiers lower-cased; a valid one starts with a letter, no `--`, no trailing `-`. */
export function checkIdentifier(param: string, value: string | undefined): string {
  if (value === undefined || value === '') throw rdsErrors.missingParameter(param);
  if (!IDENTIFIER.test(value) || value.endsWith('-')) {
    throw rdsErrors.invalidParameterValue(
      `The parameter ${param} is not a valid identifier. Identifiers must begin with a letter; must contain only ASCII letters, digits, and hyphens; and must not end with a hyphen or contain two consecutive hyphens.`,
    );
  }
  return value.toLowerCase();
}

export function checkSubnetGroupName(value: string | undefined): string {
  if (value === undefined || value === '') throw rdsErrors.missingParameter('DBSubnetGroupName');
  if (!/^[a-zA-Z0-9 ._-]{1,255}$/.test(value)) {
    throw rdsErrors.invalidParameterValue(
      'The parameter DBSubnetGroupName must contain only letters, digits, periods, underscores, spaces, or hyphens.',
    );
  }
  if (value.toLowerCase() === 'default') {
    throw rdsErrors.invalidParameterValue('DBSubnetGroupName must not be "default".');
  }
  return value.toLowerCase();
}

export function rdsArn(
  region: string,
  accountId: string,
  kind: 'db' | 'subgrp' | 'snapshot' | 'auto-backup',
  id: string,
): string {
  return `arn:aws:rds:${region}:${accountId}:${kind}:${id}`;
}

/** `<id>.<12 random chars>.<region>.rds.amazonaws.com`: the random part is per account and region on AWS. */
export function endpointHost(id: string, accountSuffix: string, region: string): string {
  return `${id}.${accountSuffix}.${region}.rds.amazonaws.com`;
}

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
export function randomBase32(length: number): string {
  const bytes = randomBytes(length);
  return Array.from(bytes, (b) => BASE32[b % 32]).join('');
}
