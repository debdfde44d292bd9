/** Internet gateways: create, attach (one per VPC), detach (refused while public addresses are mapped), delete. */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qRequired } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { checkId, dependencyViolation } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet, tagSpecs } from './tags';
import type { InternetGateway } from './types';

export function igwXml(model: Ec2Model, g: InternetGateway) {
  return {
    internetGatewayId: g.internetGatewayId,
    ownerId: model.accountId,
    attachmentSet: xmlList('item', g.attachedVpcId ? [{ vpcId: g.attachedVpcId, state: 'available' }] : []),
    tagSet: tagSet(model, g.internetGatewayId),
  };
}

function requireIgw(model: Ec2Model, id: string): InternetGateway {
  const g = model.internetGateways.get(id);
  if (!g || !model.isPropagated(id)) throw checkId('igw', id);
  return g;
}

const createInternetGateway: Ec2Handler = (p, model) => {
  const tags = tagSpecs(p, 'internet-gateway');
  const g: InternetGateway = { internetGatewayId: model.newId('igw') };
  model.internetGateways.set(g.internetGatewayId, g);
  model.addTags(g.internetGatewayId, tags);
  return { internetGateway: igwXml(model, g) };
};

const attachInternetGateway: Ec2Handler = (p, model) => {
  const g = requireIgw(model, qRequired(p, 'InternetGatewayId'));
  const vpc = model.requireVpc(qRequired(p, 'VpcId'));
  if (g.attachedVpcId) {
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `resource ${g.internetGatewayId} is already attached to network ${g.attachedVpcId}`,
    );
  }
  const other = [...model.internetGateways.values()].find((o) => o.attachedVpcId === vpc.vpcId);
  if (other) {
    throw new AwsError(
      'Resource.AlreadyAssociated',
      `Network ${vpc.vpcId} already has an internet gateway attached`,
    );
  }
  g.attachedVpcId = vpc.vpcId;
  return { return: true };
};

const detachInternetGateway: Ec2Handler = (p, model) => {
  const g = requireIgw(model, qRequired(p, 'InternetGatewayId'));
  const vpcId = qRequired(p, 'VpcId');
  model.requireVpc(vpcId);
  if (g.attachedVpcId !== vpcId) {
    throw new AwsError(
      'Gateway.NotAttached',
      `resource ${g.internetGatewayId} is not attached to network ${vpcId}`,
    );
  }
  if (model.liveNetworkInterfaces().some((e) => e.vpcId === vpcId && e.publicIp)) {
    throw dependencyViolation(
      `Network ${vpcId} has some mapped public address(es). Please unmap those public address(es) before detaching the gateway.`,
    );
  }
  g.attachedVpcId = undefined;
  return { return: true };
};

const deleteInternetGateway: Ec2Handler = (p, model) => {
  const g = requireIgw(model, qRequired(p, 'InternetGatewayId'));
  if (g.attachedVpcId) {
    throw dependencyViolation(
      `The internetGateway '${g.internetGatewayId}' has dependencies and cannot be deleted.`,
    );
  }
  model.internetGateways.delete(g.internetGatewayId);
  model.tags.delete(g.internetGatewayId);
  return { return: true };
};

const describeInternetGateways: Ec2Handler = (p, model) => {
  const ids = qList(p, 'InternetGatewayId');
  const igws =
    ids.length > 0
      ? ids.map((id) => requireIgw(model, id))
      : model.listed(model.internetGateways.values(), (g) => g.internetGatewayId);
  const filtered = applyFilters(
    igws,
    qFilters(p),
    {
      'internet-gateway-id': (g) => g.internetGatewayId,
      'attachment.vpc-id': (g) => g.attachedVpcId,
      'attachment.state': (g) => (g.attachedVpcId ? 'available' : undefined),
      'owner-id': () => model.accountId,
    },
    (g) => model.tagsOf(g.internetGatewayId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    internetGatewaySet: xmlList(
      'item',
      page.items.map((g) => igwXml(model, g)),
    ),
    nextToken: page.nextToken,
  };
};

export const igwHandlers: Record<string, Ec2Handler> = {
  CreateInternetGateway: createInternetGateway,
  AttachInternetGateway: attachInternetGateway,
  DetachInternetGateway: detachInternetGateway,
  DeleteInternetGateway: deleteInternetGateway,
  DescribeInternetGateways: describeInternetGateways,
};
