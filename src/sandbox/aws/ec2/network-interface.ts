/**
 * Network interfaces: the ones instances, ALBs and RDS create (and that linger after an ALB
 * is deleted), described and deletable like on AWS. LIMITATIONS: no CreateNetworkInterface
 * or attach/detach calls; other services create ENIs through `Ec2Model.createNetworkInterface`.
 */
import { AwsError } from '../protocol/errors';
import { qFilters, qInt, qList, qRequired } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { checkId } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet } from './tags';
import type { NetworkInterface } from './types';

function eniXml(model: Ec2Model, e: NetworkInterface) {
  const region = model.world.region;
  const privateDns = `ip-${e.privateIpAddress.replace(/\./g, '-')}.${region}.compute.internal`;
  const association = e.publicIp
    ? { publicIp: e.publicIp, ipOwnerId: 'amazon', publicDnsName: '' }
    : undefined;
  return {
    networkInterfaceId: e.networkInterfaceId,
    subnetId: e.subnetId,
    vpcId: e.vpcId,
    availabilityZone: e.availabilityZone,
    description: e.description,
    ownerId: model.accountId,
    requesterId: e.requesterManaged ? 'amazon-elb' : undefined,
    requesterManaged: e.requesterManaged,
    status: e.attachment ? 'in-use' : 'available',
    macAddress: e.macAddress,
    privateIpAddress: e.privateIpAddress,
    privateDnsName: privateDns,
    sourceDestCheck: true,
    interfaceType: e.interfaceType,
    groupSet: xmlList(
      'item',
      e.groupIds.map((groupId) => ({
        groupId,
        groupName: model.securityGroups.get(groupId)?.groupName ?? '',
      })),
    ),
    attachment: e.attachment
      ? {
          attachmentId: e.attachment.attachmentId,
          instanceId: e.attachment.instanceId,
          instanceOwnerId: model.accountId,
          deviceIndex: e.attachment.deviceIndex,
          status: 'attached',
          attachTime: new Date(e.attachment.attachTime),
          deleteOnTermination: true,
          networkCardIndex: 0,
        }
      : undefined,
    association,
    privateIpAddressesSet: xmlList('item', [
      { privateIpAddress: e.privateIpAddress, privateDnsName: privateDns, primary: true, association },
    ]),
    tagSet: tagSet(model, e.networkInterfaceId),
  };
}

const describeNetworkInterfaces: Ec2Handler = (p, model) => {
  const live = model.liveNetworkInterfaces();
  const ids = qList(p, 'NetworkInterfaceId');
  const enis =
    ids.length > 0
      ? ids.map((id) => {
          const e = model.networkInterfaces.get(id);
          if (!e || !model.isPropagated(id)) throw checkId('eni', id);
          return e;
        })
      : model.listed(live, (e) => e.networkInterfaceId);
  const filtered = applyFilters(
    enis,
    qFilters(p),
    {
      'network-interface-id': (e) => e.networkInterfaceId,
      'subnet-id': (e) => e.subnetId,
      'vpc-id': (e) => e.vpcId,
      'availability-zone': (e) => e.availabilityZone,
      'group-id': (e) => e.groupIds,
      description: (e) => e.description,
      status: (e) => (e.attachment ? 'in-use' : 'available'),
      'interface-type': (e) => e.interfaceType,
      'requester-managed': (e) => String(e.requesterManaged),
      'attachment.instance-id': (e) => e.attachment?.instanceId,
      'private-ip-address': (e) => e.privateIpAddress,
      'association.public-ip': (e) => e.publicIp,
      'owner-id': () => model.accountId,
    },
    (e) => model.tagsOf(e.networkInterfaceId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    networkInterfaceSet: xmlList(
      'item',
      page.items.map((e) => eniXml(model, e)),
    ),
    nextToken: page.nextToken,
  };
};

const deleteNetworkInterface: Ec2Handler = (p, model) => {
  const id = qRequired(p, 'NetworkInterfaceId');
  model.settle();
  const eni = model.networkInterfaces.get(id);
  if (!eni) throw checkId('eni', id);
  if (eni.attachment) {
    throw new AwsError('InvalidNetworkInterface.InUse', `Interface: [${id}] in use.`);
  }
  if (eni.requesterManaged) {
    throw new AwsError(
      'OperationNotPermitted',
      `You do not have permission to access the specified resource. (requester-managed interface ${id})`,
    );
  }
  model.networkInterfaces.delete(id);
  model.tags.delete(id);
  return { return: true };
};

export const networkInterfaceHandlers: Record<string, Ec2Handler> = {
  DescribeNetworkInterfaces: describeNetworkInterfaces,
  DeleteNetworkInterface: deleteNetworkInterface,
};
