/**
 * SSM (JSON 1.1, target prefix `AmazonSSM.`): GetParameter(s), PutParameter, DeleteParameter,
 * AddTagsToResource, RemoveTagsFromResource, ListTagsForResource.
 * LIMITATIONS: no parameter history, labels, policies, GetParametersByPath or real KMS:
 * a SecureString read without WithDecryption returns an opaque base64 blob, not the value.
 */
import { jBool, jReq, jStr, jStrList, jTags, tagList, type JsonInput } from '../protocol/json-input';
import { dispatch, withModel, type EmulatedService } from '../protocol/service';
import { invalidResourceId, parameterAlreadyExists, parameterNotFound, validation } from './errors';
import type { Parameter, ParameterType, SsmModel } from './model';

type Handler = (input: JsonInput, model: SsmModel) => unknown;

function parameterOut(model: SsmModel, p: Parameter, decrypt: boolean) {
  const value =
    p.type === 'SecureString' && !decrypt
      ? Buffer.from(`sandbox-kms:${p.keyId ?? 'alias/aws/ssm'}:${p.name}:${p.version}`).toString('base64')
      : p.value;
  return {
    Name: p.name,
    Type: p.type,
    Value: value,
    Version: p.version,
    LastModifiedDate: new Date(p.lastModified),
    ARN: model.arn(p.name, p.public),
    DataType: 'text',
  };
}

function lookup(model: SsmModel, rawName: string): Parameter | undefined {
  // `name:version` selects a version; only the latest is kept, so only it matches.
  const m = /^(.*):(\d+)$/.exec(rawName);
  const p = model.parameters.get(m ? m[1] : rawName);
  if (p && m && Number(m[2]) !== p.version) return undefined;
  return p;
}

const getParameter: Handler = (input, model) => {
  const name = jReq(input, 'Name');
  const p = lookup(model, name);
  if (!p) throw parameterNotFound(name);
  return { Parameter: parameterOut(model, p, jBool(input, 'WithDecryption') ?? false) };
};

const getParameters: Handler = (input, model) => {
  const names = jStrList(input, 'Names');
  if (names.length === 0 || names.length > 10) throw validation('Names must contain between 1 and 10 names');
  const decrypt = jBool(input, 'WithDecryption') ?? false;
  const found = names.map((n) => lookup(model, n));
  return {
    Parameters: found.filter((p): p is Parameter => !!p).map((p) => parameterOut(model, p, decrypt)),
    InvalidParameters: names.filter((_, i) => !found[i]),
  };
};

const TYPES: ParameterType[] = ['String', 'StringList', 'SecureString'];

const putParameter: Handler = (input, model) => {
  const name = jReq(input, 'Name');
  const value = jReq(input, 'Value');
  if (
    name.startsWith('/aws/') ||
    name.toLowerCase().startsWith('aws') ||
    name.toLowerCase().startsWith('ssm')
  ) {
    throw validation(`Parameter name: can't be prefixed with "aws" or "ssm" (case-insensitive).`);
  }
  if (Buffer.byteLength(value) > 4096)
    throw validation('Standard tier parameters support a maximum value of 4 KB.');
  const existing = model.parameters.get(name);
  const overwrite = jBool(input, 'Overwrite') ?? false;
  const tags = jTags(input);
  if (existing && !overwrite) throw parameterAlreadyExists();
  if (existing && Object.keys(tags).length > 0) {
    throw validation(
      "Invalid request: tags and overwrite can't be used together. To create a parameter with tags, please remove overwrite flag. To update tags for an existing parameter, please use AddTagsToResource or RemoveTagsFromResource.",
    );
  }
  const typeIn = jStr(input, 'Type') ?? existing?.type;
  if (!typeIn) throw validation('A parameter type is required when you create a parameter.');
  if (!TYPES.includes(typeIn as ParameterType)) throw validation(`Invalid parameter type: ${typeIn}`);
  const type = typeIn as ParameterType;
  const p: Parameter = {
    name,
    type,
    value,
    version: (existing?.version ?? 0) + 1,
    description: jStr(input, 'Description') ?? existing?.description,
    keyId: type === 'SecureString' ? (jStr(input, 'KeyId') ?? 'alias/aws/ssm') : undefined,
    lastModified: model.now,
    tags: existing?.tags ?? tags,
    public: false,
  };
  model.parameters.set(name, p);
  return { Version: p.version, Tier: 'Standard' };
};

const deleteParameter: Handler = (input, model) => {
  const name = jReq(input, 'Name');
  const p = model.parameters.get(name);
  if (!p || p.public) throw parameterNotFound(name);
  model.parameters.delete(name);
  return {};
};

function taggable(input: JsonInput, model: SsmModel): Parameter {
  const type = jReq(input, 'ResourceType');
  const id = jReq(input, 'ResourceId');
  if (type !== 'Parameter') throw validation(`The sandbox supports tags on parameters only, not ${type}.`);
  const p = model.parameters.get(id);
  if (!p || p.public) throw invalidResourceId(id);
  return p;
}

const addTagsToResource: Handler = (input, model) => {
  const p = taggable(input, model);
  p.tags = { ...p.tags, ...jTags(input) };
  return {};
};

const removeTagsFromResource: Handler = (input, model) => {
  const p = taggable(input, model);
  for (const k of jStrList(input, 'TagKeys')) delete p.tags[k];
  return {};
};

const listTagsForResource: Handler = (input, model) => ({ TagList: tagList(taggable(input, model).tags) });

const actions: Record<string, Handler> = {
  GetParameter: getParameter,
  GetParameters: getParameters,
  PutParameter: putParameter,
  DeleteParameter: deleteParameter,
  AddTagsToResource: addTagsToResource,
  RemoveTagsFromResource: removeTagsFromResource,
  ListTagsForResource: listTagsForResource,
};

const table = withModel(actions, (world) => world.ssm);

export const ssmService: EmulatedService = {
  signingName: 'ssm',
  protocol: 'json',
  internalErrorCode: 'InternalServerError',
  handle(action, input, ctx) {
    return dispatch('json', table, action, input as JsonInput, ctx);
  },
};
