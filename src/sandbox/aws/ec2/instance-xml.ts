/** The wire shape of an instance and a reservation (EC2 XML element names). */
import { xmlList } from '../protocol/xml';
import type { Ec2Model } from './model';
import { tagSet } from './tags';
import type { Instance, InstanceStateName } from './types';

export const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

export const stateXml = (name: InstanceStateName) => ({ code: STATE_CODES[name], name });

function dnsName(ip: string, region: string, isPublic: boolean): string {
  const dashed = ip.replace(/\./g, '-');
  return isPublic
    ? `ec2-${dashed}.${region}.compute.amazonaws.com`
    : `ip-${dashed}.${region}.compute.internal`;
}

export function instanceXml(model: Ec2Model, i: Instance) {
  const region = model.world.region;
  const eni = model.networkInterfaces.get(i.networkInterfaceId);
  const publicIp = eni?.publicIp;
  const vpc = model.vpcs.get(i.vpcId);
  const publicDns = publicIp && vpc?.enableDnsHostnames ? dnsName(publicIp, region, true) : '';
  const groups = i.securityGroupIds.map((id) => ({
    groupId: id,
    groupName: model.securityGroups.get(id)?.groupName ?? '',
  }));
  const gone = i.state === 'terminated';
  return {
    instanceId: i.instanceId,
    imageId: i.imageId,
    instanceState: stateXml(i.state),
    privateDnsName: gone ? '' : dnsName(i.privateIpAddress, region, false),
    dnsName: gone ? '' : publicDns,
    reason: i.stateTransitionReason,
    keyName: i.keyName,
    iamInstanceProfile: i.iamInstanceProfile,
    amiLaunchIndex: 0,
    productCodes: xmlList('item', []),
    instanceType: i.instanceType,
    launchTime: new Date(i.launchTime),
    placement: { availabilityZone: i.availabilityZone, groupName: '', tenancy: 'default' },
    monitoring: { state: 'disabled' },
    subnetId: gone ? undefined : i.subnetId,
    vpcId: gone ? undefined : i.vpcId,
    privateIpAddress: gone ? undefined : i.privateIpAddress,
    ipAddress: publicIp,
    sourceDestCheck: true,
    groupSet: xmlList('item', gone ? [] : groups),
    stateReason:
      i.state === 'stopped' || i.state === 'stopping'
        ? {
            code: 'Client.UserInitiatedShutdown',
            message: 'Client.UserInitiatedShutdown: User initiated shutdown',
          }
        : i.state === 'terminated' || i.state === 'shutting-down'
          ? {
              code: 'Client.UserInitiatedShutdown',
              message: 'Client.UserInitiatedShutdown: User initiated shutdown',
            }
          : undefined,
    architecture: i.architecture,
    rootDeviceType: 'ebs',
    rootDeviceName: '/dev/xvda',
    blockDeviceMapping: xmlList(
      'item',
      gone
        ? []
        : [
            {
              deviceName: '/dev/xvda',
              ebs: {
                volumeId: i.rootVolumeId,
                status: 'attached',
                attachTime: new Date(i.launchTime),
                deleteOnTermination: true,
              },
            },
          ],
    ),
    virtualizationType: 'hvm',
    clientToken: i.clientToken ?? '',
    tagSet: tagSet(model, i.instanceId),
    hypervisor: 'xen',
    networkInterfaceSet: xmlList(
      'item',
      eni
        ? [
            {
              networkInterfaceId: eni.networkInterfaceId,
              subnetId: eni.subnetId,
              vpcId: eni.vpcId,
              description: eni.description,
              ownerId: model.accountId,
              status: 'in-use',
              macAddress: eni.macAddress,
              privateIpAddress: eni.privateIpAddress,
              privateDnsName: dnsName(eni.privateIpAddress, region, false),
              sourceDestCheck: true,
              groupSet: xmlList('item', groups),
              attachment: {
                attachmentId: eni.attachment?.attachmentId,
                deviceIndex: 0,
                status: 'attached',
                attachTime: new Date(eni.attachment?.attachTime ?? i.launchTime),
                deleteOnTermination: true,
                networkCardIndex: 0,
              },
              association: publicIp ? { publicIp, publicDnsName: publicDns, ipOwnerId: 'amazon' } : undefined,
              privateIpAddressesSet: xmlList('item', [
                {
                  privateIpAddress: eni.privateIpAddress,
                  privateDnsName: dnsName(eni.privateIpAddress, region, false),
                  primary: true,
                  association: publicIp
                    ? { publicIp, publicDnsName: publicDns, ipOwnerId: 'amazon' }
                    : undefined,
                },
              ]),
              interfaceType: 'interface',
            },
          ]
        : [],
    ),
    ebsOptimized: false,
    enaSupport: true,
    metadataOptions: {
      state: 'applied',
      httpTokens: i.httpTokens,
      httpPutResponseHopLimit: i.httpPutResponseHopLimit,
      httpEndpoint: i.httpEndpoint,
      httpProtocolIpv6: 'disabled',
      instanceMetadataTags: 'disabled',
    },
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    bootMode: 'uefi-preferred',
    currentInstanceBootMode: 'legacy-bios',
  };
}

export function reservationXml(model: Ec2Model, reservationId: string, instances: Instance[]) {
  return {
    reservationId,
    ownerId: model.accountId,
    groupSet: xmlList('item', []),
    instancesSet: xmlList(
      'item',
      instances.map((i) => instanceXml(model, i)),
    ),
  };
}
