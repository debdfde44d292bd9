/** Route tables: the VPC's main table, custom tables, routes to an internet gateway, subnet associations. */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qRequired } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { parseCidr } from './cidr';
import { checkId, dependencyViolation, invalidParameterValue } from './errors';
import { applyFilters } from './filters';
import { fingerprint } from './instance-launch';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet, tagSpecs } from './tags';
import type { RouteTable } from './types';

export function routeTableXml(model: Ec2Model, t: RouteTable) {
  return {
    routeTableId: t.routeTableId,
    vpcId: t.vpcId,
    ownerId: model.accountId,
    routeSet: xmlList(
      'item',
      t.routes.map((r) => ({
        destinationCidrBlock: r.destinationCidrBlock,
        gatewayId: r.gatewayId,
        // A route to a detached or deleted gateway goes nowhere.
        state:
          r.gatewayId === 'local' || model.internetGateways.get(r.gatewayId)?.attachedVpcId === t.vpcId
            ? 'active'
            : 'blackhole',
        origin: r.origin,
      })),
    ),
    associationSet: xmlList(
      'item',
      t.associations.map((a) => ({
        routeTableAssociationId: a.associationId,
        routeTableId: t.routeTableId,
        subnetId: a.subnetId,
        main: a.main,
        associationState: { state: 'associated' },
      })),
    ),
    propagatingVgwSet: xmlList('item', []),
    tagSet: tagSet(model, t.routeTableId),
  };
}

function requireRouteTable(model: Ec2Model, id: string): RouteTable {
  const t = model.routeTables.get(id);
  if (!t || !model.isPropagated(id)) throw checkId('rtb', id);
  return t;
}

/**
 * CreateRouteTable takes a ClientToken (since January 2024): the same token with the same
 * parameters answers the table it made; with other parameters, IdempotentParameterMismatch.
 */
const createRouteTable: Ec2Handler = (p, model) => {
  const token = p.ClientToken;
  const prior = token ? model.routeTableTokens.get(token) : undefined;
  if (prior) {
    if (prior.fingerprint !== fingerprint(p)) {
      throw new AwsError(
        'IdempotentParameterMismatch',
        'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
      );
    }
    const made = model.routeTables.get(prior.routeTableId);
    if (made) return { routeTable: routeTableXml(model, made) };
  }
  const vpc = model.requireVpc(qRequired(p, 'VpcId'));
  const tags = tagSpecs(p, 'route-table');
  const t: RouteTable = {
    routeTableId: model.newId('rtb'),
    vpcId: vpc.vpcId,
    routes: [{ destinationCidrBlock: vpc.cidrBlock, gatewayId: 'local', origin: 'CreateRouteTable' }],
    associations: [],
  };
  model.routeTables.set(t.routeTableId, t);
  model.addTags(t.routeTableId, tags);
  if (token) model.routeTableTokens.set(token, { fingerprint: fingerprint(p), routeTableId: t.routeTableId });
  return { routeTable: routeTableXml(model, t) };
};

const createRoute: Ec2Handler = (p, model) => {
  const t = requireRouteTable(model, qRequired(p, 'RouteTableId'));
  const destination = qRequired(p, 'DestinationCidrBlock');
  if (!parseCidr(destination))
    throw invalidParameterValue(`Value (${destination}) for parameter destinationCidrBlock is invalid.`);
  const gatewayId = p.GatewayId;
  if (!gatewayId) {
    throw new AwsError(
      'InvalidParameterCombination',
      'The sandbox supports routes to an internet gateway (GatewayId) only.',
    );
  }
  const igw = model.internetGateways.get(gatewayId);
  if (!igw) throw new AwsError('InvalidGatewayID.NotFound', `The gateway ID '${gatewayId}' does not exist`);
  if (igw.attachedVpcId !== t.vpcId) {
    throw invalidParameterValue(
      `route table ${t.routeTableId} and network gateway ${gatewayId} belong to different networks`,
    );
  }
  if (t.routes.some((r) => r.destinationCidrBlock === destination)) {
    throw new AwsError('RouteAlreadyExists', `The route identified by ${destination} already exists.`);
  }
  t.routes.push({ destinationCidrBlock: destination, gatewayId, origin: 'CreateRoute' });
  return { return: true };
};

const deleteRoute: Ec2Handler = (p, model) => {
  const t = requireRouteTable(model, qRequired(p, 'RouteTableId'));
  const destination = qRequired(p, 'DestinationCidrBlock');
  const route = t.routes.find((r) => r.destinationCidrBlock === destination);
  if (!route) {
    throw new AwsError(
      'InvalidRoute.NotFound',
      `no route with destination-cidr-block ${destination} in route table ${t.routeTableId}`,
    );
  }
  if (route.gatewayId === 'local')
    throw invalidParameterValue(`cannot remove local route ${destination} in route table ${t.routeTableId}`);
  t.routes = t.routes.filter((r) => r !== route);
  return { return: true };
};

const associateRouteTable: Ec2Handler = (p, model) => {
  const t = requireRouteTable(model, qRequired(p, 'RouteTableId'));
  const subnet = model.requireSubnet(qRequired(p, 'SubnetId'));
  if (subnet.vpcId !== t.vpcId) {
    throw invalidParameterValue(
      `Route table ${t.routeTableId} and subnet ${subnet.subnetId} belong to different networks`,
    );
  }
  for (const other of model.routeTables.values()) {
    if (other.associations.some((a) => a.subnetId === subnet.subnetId)) {
      throw new AwsError(
        'Resource.AlreadyAssociated',
        `the specified association for route table ${t.routeTableId} conflicts with an existing association`,
      );
    }
  }
  const associationId = model.newId('rtbassoc');
  t.associations.push({ associationId, subnetId: subnet.subnetId, main: false });
  return { associationId, associationState: { state: 'associated' } };
};

const disassociateRouteTable: Ec2Handler = (p, model) => {
  const associationId = qRequired(p, 'AssociationId');
  for (const t of model.routeTables.values()) {
    const a = t.associations.find((x) => x.associationId === associationId);
    if (!a) continue;
    if (a.main)
      throw invalidParameterValue(`cannot disassociate the main route table association ${associationId}`);
    t.associations = t.associations.filter((x) => x !== a);
    return { return: true };
  }
  throw new AwsError('InvalidAssociationID.NotFound', `The association ID '${associationId}' does not exist`);
};

const deleteRouteTable: Ec2Handler = (p, model) => {
  const t = requireRouteTable(model, qRequired(p, 'RouteTableId'));
  if (t.associations.length > 0) {
    throw dependencyViolation(`The routeTable '${t.routeTableId}' has dependencies and cannot be deleted.`);
  }
  model.routeTables.delete(t.routeTableId);
  model.tags.delete(t.routeTableId);
  return { return: true };
};

const describeRouteTables: Ec2Handler = (p, model) => {
  const ids = qList(p, 'RouteTableId');
  const tables =
    ids.length > 0
      ? ids.map((id) => requireRouteTable(model, id))
      : model.listed(model.routeTables.values(), (t) => t.routeTableId);
  const filtered = applyFilters(
    tables,
    qFilters(p),
    {
      'route-table-id': (t) => t.routeTableId,
      'vpc-id': (t) => t.vpcId,
      'association.subnet-id': (t) => t.associations.flatMap((a) => (a.subnetId ? [a.subnetId] : [])),
      'association.route-table-association-id': (t) => t.associations.map((a) => a.associationId),
      // Tables without any association are not matched by this filter (AWS documents it so).
      'association.main': (t) =>
        t.associations.length > 0 ? String(t.associations.some((a) => a.main)) : undefined,
      'route.gateway-id': (t) => t.routes.map((r) => r.gatewayId),
      'route.destination-cidr-block': (t) => t.routes.map((r) => r.destinationCidrBlock),
      'owner-id': () => model.accountId,
    },
    (t) => model.tagsOf(t.routeTableId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken, { min: 5, max: 100 });
  return {
    routeTableSet: xmlList(
      'item',
      page.items.map((t) => routeTableXml(model, t)),
    ),
    nextToken: page.nextToken,
  };
};

export const routeTableHandlers: Record<string, Ec2Handler> = {
  CreateRouteTable: createRouteTable,
  CreateRoute: createRoute,
  DeleteRoute: deleteRoute,
  AssociateRouteTable: associateRouteTable,
  DisassociateRouteTable: disassociateRouteTable,
  DeleteRouteTable: deleteRouteTable,
  DescribeRouteTables: describeRouteTables,
};
