/**
 * Secrets Manager (JSON 1.1, target prefix `secretsmanager.`): CreateSecret, GetSecretValue,
 * PutSecretValue, DescribeSecret, DeleteSecret (recovery window or ForceDeleteWithoutRecovery),
 * RestoreSecret, TagResource, UntagResource, ListSecrets with filters.
 * LIMITATIONS: one version per secret (AWSCURRENT only; no AWSPREVIOUS), no rotation, no
 * resource policies, no replication; KMS is not modelled.
 */
import { randomUUID } from 'node:crypto';
import { jBool, jNum, jReq, jStr, jStrList, jTags, tagList, type JsonInput } from '../protocol/json-input';
import { AwsError } from '../protocol/errors';
import { dispatch, withModel, type EmulatedService } from '../protocol/service';
import {
  invalidParameter,
  invalidRequest,
  markedForDeletion,
  resourceExists,
  resourceNotFound,
} from './errors';
import type { Secret, SecretsManagerModel } from './model';

type Handler = (input: JsonInput, model: SecretsManagerModel) => unknown;

const DAY = 24 * 60 * 60 * 1000;

function requireSecret(model: SecretsManagerModel, input: JsonInput): Secret {
  const s = model.find(jReq(input, 'SecretId', 'InvalidParameterException'));
  if (!s) throw resourceNotFound();
  return s;
}

function requireLive(model: SecretsManagerModel, input: JsonInput): Secret {
  const s = requireSecret(model, input);
  if (s.deletionDate !== undefined) throw markedForDeletion();
  return s;
}

function secretValue(input: JsonInput): { secretString?: string; secretBinary?: string } {
  const secretString = jStr(input, 'SecretString', 'InvalidParameterException');
  const secretBinary = jStr(input, 'SecretBinary', 'InvalidParameterException');
  if (secretString !== undefined && secretBinary !== undefined) {
    throw invalidParameter(
      "You can't specify both a binary secret value and a string secret value in the same secret.",
    );
  }
  if (secretString !== undefined && Buffer.byteLength(secretString) > 65536) {
    throw invalidParameter('The secret value exceeds the maximum size of 65536 bytes.');
  }
  return { secretString, secretBinary };
}

function describe(s: Secret) {
  return {
    ARN: s.arn,
    Name: s.name,
    Description: s.description,
    KmsKeyId: s.kmsKeyId,
    CreatedDate: new Date(s.createdAt),
    LastChangedDate: new Date(s.lastChangedAt),
    DeletedDate: s.deletionDate !== undefined ? new Date(s.deletionDate) : undefined,
    Tags: tagList(s.tags),
    VersionIdsToStages: { [s.versionId]: ['AWSCURRENT'] },
  };
}

const NAME = /^[A-Za-z0-9/_+=.@-]{1,512}$/;

const createSecret: Handler = (input, model) => {
  const name = jReq(input, 'Name', 'InvalidParameterException');
  if (!NAME.test(name))
    throw invalidParameter(
      'Invalid name. Must be a valid name containing alphanumeric characters, or any of the following: -/_+=.@!',
    );
  const existing = model.find(name);
  if (existing?.deletionDate !== undefined) {
    throw invalidRequest(
      "You can't create this secret because a secret with this name is already scheduled for deletion.",
    );
  }
  const value = secretValue(input);
  const token = jStr(input, 'ClientRequestToken');
  if (existing) {
    // A repeat with the same ClientRequestToken and value is ignored: AWS answers the secret as it is.
    const same =
      token !== undefined &&
      token === existing.versionId &&
      value.secretString === existing.secretString &&
      value.secretBinary === existing.secretBinary;
    if (!same) throw resourceExists(name);
    return { ARN: existing.arn, Name: existing.name, VersionId: existing.versionId };
  }
  const now = model.now;
  const s: Secret = {
    name,
    arn: model.newArn(name),
    description: jStr(input, 'Description'),
    kmsKeyId: jStr(input, 'KmsKeyId'),
    ...value,
    versionId: token ?? randomUUID(),
    createdAt: now,
    lastChangedAt: now,
    tags: jTags(input),
  };
  model.secrets.set(name, s);
  return { ARN: s.arn, Name: s.name, VersionId: s.versionId };
};

const getSecretValue: Handler = (input, model) => {
  const s = requireLive(model, input);
  const versionId = jStr(input, 'VersionId');
  const stage = jStr(input, 'VersionStage');
  if ((versionId && versionId !== s.versionId) || (stage && stage !== 'AWSCURRENT')) {
    throw new AwsError(
      'ResourceNotFoundException',
      "Secrets Manager can't find the specified secret value for the requested version or staging label.",
    );
  }
  if (s.secretString === undefined && s.secretBinary === undefined) {
    throw resourceNotFound();
  }
  return {
    ARN: s.arn,
    Name: s.name,
    VersionId: s.versionId,
    SecretString: s.secretString,
    SecretBinary: s.secretBinary,
    VersionStages: ['AWSCURRENT'],
    CreatedDate: new Date(s.lastChangedAt),
  };
};

const putSecretValue: Handler = (input, model) => {
  const s = requireLive(model, input);
  const value = secretValue(input);
  s.secretString = value.secretString;
  s.secretBinary = value.secretBinary;
  s.versionId = jStr(input, 'ClientRequestToken') ?? randomUUID();
  s.lastChangedAt = model.now;
  return { ARN: s.arn, Name: s.name, VersionId: s.versionId, VersionStages: ['AWSCURRENT'] };
};

const describeSecret: Handler = (input, model) => describe(requireSecret(model, input));

const deleteSecret: Handler = (input, model) => {
  const s = requireSecret(model, input);
  const force = jBool(input, 'ForceDeleteWithoutRecovery') ?? false;
  const window = jNum(input, 'RecoveryWindowInDays');
  if (force && window !== undefined) {
    throw invalidParameter(
      "You can't use ForceDeleteWithoutRecovery in conjunction with RecoveryWindowInDays.",
    );
  }
  if (window !== undefined && (window < 7 || window > 30)) {
    throw invalidParameter('The RecoveryWindowInDays value must be between 7 and 30 days (inclusive).');
  }
  if (s.deletionDate !== undefined && !force) throw markedForDeletion();
  const now = model.now;
  if (force) {
    model.secrets.delete(s.name);
    return { ARN: s.arn, Name: s.name, DeletionDate: new Date(now) };
  }
  s.deletionDate = now + (window ?? 30) * DAY;
  return { ARN: s.arn, Name: s.name, DeletionDate: new Date(s.deletionDate) };
};

const restoreSecret: Handler = (input, model) => {
  const s = requireSecret(model, input);
  s.deletionDate = undefined;
  return { ARN: s.arn, Name: s.name };
};

const tagResource: Handler = (input, model) => {
  const s = requireLive(model, input);
  s.tags = { ...s.tags, ...jTags(input) };
  return {};
};

const untagResource: Handler = (input, model) => {
  const s = requireLive(model, input);
  for (const k of jStrList(input, 'TagKeys')) delete s.tags[k];
  return {};
};

function matchesFilter(s: Secret, key: string, values: string[]): boolean {
  // Values match by prefix; a leading "!" negates (documented ListSecrets filter semantics).
  const test = (candidates: string[]) =>
    values.some((v) => {
      const negate = v.startsWith('!');
      const prefix = negate ? v.slice(1) : v;
      const hit = candidates.some((c) => c.startsWith(prefix));
      return negate ? !hit : hit;
    });
  switch (key) {
    case 'name':
      return test([s.name]);
    case 'description':
      return test([s.description ?? '']);
    case 'tag-key':
      return test(Object.keys(s.tags));
    case 'tag-value':
      return test(Object.values(s.tags));
    case 'all':
      return test([s.name, s.description ?? '', ...Object.keys(s.tags), ...Object.values(s.tags)]);
    default:
      throw invalidParameter(`Invalid filter key: ${key}`);
  }
}

const listSecrets: Handler = (input, model) => {
  model.settle();
  const includeDeleted = jBool(input, 'IncludePlannedDeletion') ?? false;
  const filters = Array.isArray(input.Filters) ? (input.Filters as JsonInput[]) : [];
  const all = [...model.secrets.values()]
    .filter((s) => includeDeleted || s.deletionDate === undefined)
    .filter((s) => filters.every((f) => matchesFilter(s, String(f.Key), jStrList(f, 'Values'))))
    .sort((a, b) => a.createdAt - b.createdAt || a.name.localeCompare(b.name));
  const max = jNum(input, 'MaxResults') ?? 100;
  if (max < 1 || max > 100) throw invalidParameter('MaxResults must be between 1 and 100.');
  const token = jStr(input, 'NextToken');
  const start = token ? Number(Buffer.from(token, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw invalidParameter('Invalid NextToken.');
  const page = all.slice(start, start + max);
  const next = start + max < all.length ? Buffer.from(String(start + max)).toString('base64url') : undefined;
  return { SecretList: page.map(describe), NextToken: next };
};

const actions: Record<string, Handler> = {
  CreateSecret: createSecret,
  GetSecretValue: getSecretValue,
  PutSecretValue: putSecretValue,
  DescribeSecret: describeSecret,
  DeleteSecret: deleteSecret,
  RestoreSecret: restoreSecret,
  TagResource: tagResource,
  UntagResource: untagResource,
  ListSecrets: listSecrets,
};

const table = withModel(actions, (world) => world.secretsManager);

export const secretsManagerService: EmulatedService = {
  signingName: 'secretsmanager',
  protocol: 'json',
  internalErrorCode: 'InternalServiceError',
  handle(action, input, ctx) {
    return dispatch('json', table, action, input as JsonInput, ctx);
  },
};
