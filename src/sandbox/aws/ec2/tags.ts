/** EC2 tags: TagSpecifications at creation, CreateTags/DeleteTags/DescribeTags, and the `tagSet` wire shape. */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qStructList, type QueryParams } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { checkId } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';

export function tagSet(model: Ec2Model, id: string) {
  return xmlList(
    'item',
    Object.entries(model.tagsOf(id)).map(([key, value]) => ({ key, value })),
  );
}

/** Tags from `TagSpecification.N` entries whose ResourceType is `resourceType`. */
export function tagSpecs(params: QueryParams, resourceType: string): Record<string, string> {
  const tags: Record<string, string> = {};
  for (const spec of qStructList(params, 'TagSpecification')) {
    if (spec.ResourceType !== resourceType) continue;
    for (const t of qStructList(spec, 'Tag')) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  }
  validateTags(tags);
  return tags;
}

function validateTags(tags: Record<string, string>): void {
  for (const [k, v] of Object.entries(tags)) {
    if (k.length === 0 || k.length > 128)
      throw new AwsError('InvalidParameterValue', `Tag key must be 1-128 characters: '${k}'`);
    if (k.toLowerCase().startsWith('aws:')) {
      throw new AwsError(
        'InvalidParameterValue',
        `Tag keys starting with 'aws:' are reserved for internal use`,
      );
    }
    if (v.length > 256)
      throw new AwsError('InvalidParameterValue', `Tag value exceeds 256 characters for key '${k}'`);
  }
  if (Object.keys(tags).length > 50)
    throw new AwsError('TagLimitExceeded', 'The maximum number of tags (50) was exceeded');
}

/** What kind of resource an id names, and whether it exists (for CreateTags/DescribeTags). */
function resourceType(model: Ec2Model, id: string): string | undefined {
  const kinds: [string, string, () => boolean][] = [
    ['vpc', 'vpc', () => model.vpcs.has(id)],
    ['subnet', 'subnet', () => model.subnets.has(id)],
    ['igw', 'internet-gateway', () => model.internetGateways.has(id)],
    ['rtb', 'route-table', () => model.routeTables.has(id)],
    ['sg', 'security-group', () => model.securityGroups.has(id)],
    ['i', 'instance', () => model.getInstance(id) !== undefined],
    ['ami', 'image', () => model.images.has(id) && model.images.get(id)?.state !== 'deregistered'],
    ['snap', 'snapshot', () => model.snapshots.has(id)],
    ['eni', 'network-interface', () => model.networkInterfaces.has(id)],
  ];
  const prefix = id.split('-')[0];
  const kind = kinds.find(([p]) => p === prefix);
  if (!kind) throw new AwsError('InvalidID', `The ID '${id}' is not valid`);
  if (!kind[2]() || !model.isPropagated(id)) throw checkId(kind[0], id);
  return kind[1];
}

const createTags: Ec2Handler = (p, model) => {
  const ids = qList(p, 'ResourceId');
  const tags: Record<string, string> = {};
  for (const t of qStructList(p, 'Tag')) if (t.Key !== undefined) tags[t.Key] = t.Value ?? '';
  validateTags(tags);
  for (const id of ids) resourceType(model, id);
  for (const id of ids) model.addTags(id, tags);
  return { return: true };
};

const deleteTags: Ec2Handler = (p, model) => {
  const ids = qList(p, 'ResourceId');
  const toDelete = qStructList(p, 'Tag');
  for (const id of ids) resourceType(model, id);
  for (const id of ids) {
    const tags = { ...model.tagsOf(id) };
    if (toDelete.length === 0) {
      model.tags.delete(id);
      continue;
    }
    for (const t of toDelete) {
      // A Value given means "only if it has this value"; no Value deletes the key regardless.
      if (t.Key !== undefined && (t.Value === undefined || tags[t.Key] === t.Value)) delete tags[t.Key];
    }
    model.tags.set(id, tags);
  }
  return { return: true };
};

interface TagRow {
  resourceId: string;
  resourceType: string;
  key: string;
  value: string;
}

const describeTags: Ec2Handler = (p, model) => {
  model.settle();
  const rows: TagRow[] = [];
  for (const [id, tags] of model.tags) {
    let type: string | undefined;
    try {
      type = resourceType(model, id);
    } catch {
      continue; // resource gone
    }
    if (!type) continue;
    for (const [key, value] of Object.entries(tags))
      rows.push({ resourceId: id, resourceType: type, key, value });
  }
  const filtered = applyFilters(
    rows,
    qFilters(p),
    {
      'resource-id': (r) => r.resourceId,
      'resource-type': (r) => r.resourceType,
      key: (r) => r.key,
      value: (r) => r.value,
    },
    (r) => ({ [r.key]: r.value }),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return { tagSet: xmlList('item', page.items), nextToken: page.nextToken };
};

export const tagHandlers: Record<string, Ec2Handler> = {
  CreateTags: createTags,
  DeleteTags: deleteTags,
  DescribeTags: describeTags,
};
