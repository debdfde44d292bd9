/**
 * Instances: RunInstances (AMI, type and architecture checks, ClientToken idempotency, user
 * data, metadata options, an ENI per instance with a public IP when asked or when the subnet
 * maps one, injected InsufficientInstanceCapacity), Describe with filters and pagination,
 * Stop/Start/Terminate on the virtual clock, DescribeInstanceAttribute, DescribeInstanceStatus.
 * LIMITATIONS: one network interface per instance; no key pairs (KeyName is rejected as not
 * found); no EBS volumes API beyond the root volume id; no spot, placement groups or templates.
 */
import { iamModelOf } from '../iam/model';
import { AwsError } from '../protocol/errors';
import {
  qBool,
  qFilters,
  qInt,
  qList,
  qRequired,
  qStruct,
  qStructList,
  type QueryParams,
} from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { zonesOf } from './azs';
import {
  checkId,
  incorrectInstanceState,
  invalidParameterCombination,
  invalidParameterValue,
} from './errors';
import { applyFilters } from './filters';
import { architectureOf } from './instance-types';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { AMAZON_OWNER_ID } from './public-images';
import { tagSet, tagSpecs } from './tags';
import type { Instance, InstanceStateName } from './types';

const STATE_CODES: Record<InstanceStateName, number> = {
  pending: 0,
  running: 16,
  'shutting-down': 32,
  terminated: 48,
  stopping: 64,
  stopped: 80,
};

const stateXml = (name: InstanceStateName) => ({ code: STATE_CODES[name], name });

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

function reservationXml(model: Ec2Model, reservationId: string, instances: Instance[]) {
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

/** A stable fingerprint of a RunInstances request, for ClientToken idempotency. */
function fingerprint(p: QueryParams): string {
  return JSON.stringify(
    Object.keys(p)
      .filter((k) => k !== 'Action' && k !== 'Version' && k !== 'ClientToken')
      .sort()
      .map((k) => [k, p[k]]),
  );
}

const AMI_ID = /^ami-([0-9a-f]{8}|[0-9a-f]{17})$/;

function launchPublicIp(p: QueryParams, mapPublic: boolean): boolean {
  const eniSpec = qStructList(p, 'NetworkInterface')[0];
  if (eniSpec?.AssociatePublicIpAddress !== undefined) return eniSpec.AssociatePublicIpAddress === 'true';
  return mapPublic;
}

const runInstances: Ec2Handler = (p, model) => {
  model.settle();
  const clientToken = p.ClientToken;
  if (clientToken) {
    const prior = model.clientTokens.get(clientToken);
    if (prior) {
      if (prior.fingerprint !== fingerprint(p)) {
        throw new AwsError(
          'IdempotentParameterMismatch',
          'Arguments on this idempotent request are inconsistent with arguments used in previous request(s).',
        );
      }
      const instances = prior.instanceIds
        .map((id) => model.instances.get(id))
        .filter((i): i is Instance => !!i);
      return reservationXml(model, prior.reservationId, instances);
    }
  }
  const imageId = qRequired(p, 'ImageId');
  if (!AMI_ID.test(imageId))
    throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${imageId}" (expecting "ami-...")`);
  const image = model.images.get(imageId);
  if (!image || image.state === 'deregistered') throw checkId('ami', imageId);
  if (image.state !== 'available') {
    throw new AwsError(
      'InvalidAMIID.Unavailable',
      `The AMI ID '${imageId}' is currently pending and may not be used for this operation`,
    );
  }
  const instanceType = qRequired(p, 'InstanceType');
  const architecture = architectureOf(instanceType);
  if (!architecture) {
    throw invalidParameterValue(`The following supplied instance types do not exist: [${instanceType}]`);
  }
  if (architecture !== image.architecture) {
    throw invalidParameterValue(
      `The architecture '${architecture}' of the specified instance type does not match the architecture ` +
        `'${image.architecture}' of the specified AMI. Specify an instance type and an AMI that have matching ` +
        `architectures, and try again.`,
    );
  }
  const minCount = qInt(p, 'MinCount') ?? 1;
  const maxCount = qInt(p, 'MaxCount') ?? 1;
  if (minCount < 1 || maxCount < minCount || maxCount > 20) {
    throw invalidParameterValue(`Invalid MinCount/MaxCount: ${minCount}/${maxCount}`);
  }
  const iamInstanceProfile = instanceProfile(model, p);
  if (p.KeyName) throw new AwsError('InvalidKeyPair.NotFound', `The key pair '${p.KeyName}' does not exist`);
  const eniSpec = qStructList(p, 'NetworkInterface')[0] ?? {};
  const subnetId = p.SubnetId ?? eniSpec.SubnetId;
  if (!subnetId) {
    throw new AwsError('VPCIdNotSpecified', 'No default VPC for this user. Specify a subnet (SubnetId).');
  }
  const subnet = model.requireSubnet(subnetId);
  const requestedAz = qStruct(p, 'Placement')?.AvailabilityZone;
  if (requestedAz && requestedAz !== subnet.availabilityZone) {
    throw invalidParameterValue(
      `Value (${requestedAz}) for parameter availabilityZone is invalid. Subnet '${subnet.subnetId}' is in ` +
        `the availability zone ${subnet.availabilityZone}`,
    );
  }
  const groupIds = [...qList(p, 'SecurityGroupId'), ...qList(eniSpec, 'SecurityGroupId')];
  const names = qList(p, 'SecurityGroup');
  for (const name of names) {
    const g = [...model.securityGroups.values()].find(
      (x) => x.vpcId === subnet.vpcId && x.groupName === name,
    );
    if (!g)
      throw new AwsError(
        'InvalidGroup.NotFound',
        `The security group '${name}' does not exist in VPC '${subnet.vpcId}'`,
      );
    groupIds.push(g.groupId);
  }
  for (const id of groupIds) {
    const g = model.requireSecurityGroup(id);
    if (g.vpcId !== subnet.vpcId) {
      throw new AwsError(
        'InvalidParameter',
        `Security group ${id} and subnet ${subnet.subnetId} belong to different networks.`,
      );
    }
  }
  if (groupIds.length === 0) groupIds.push(model.requireVpc(subnet.vpcId).defaultSecurityGroupId);
  const userData = p.UserData;
  if (userData !== undefined && Buffer.from(userData, 'base64').length > 16384) {
    throw invalidParameterValue('User data is limited to 16384 bytes');
  }
  const metadata = qStruct(p, 'MetadataOptions') ?? {};
  const httpTokens = metadata.HttpTokens ?? (image.ownerId === AMAZON_OWNER_ID ? 'required' : 'optional');
  if (httpTokens !== 'required' && httpTokens !== 'optional') {
    throw invalidParameterValue(`Value (${httpTokens}) for parameter HttpTokens is invalid.`);
  }
  const hopLimit = Number(metadata.HttpPutResponseHopLimit ?? 2);
  const httpEndpoint = metadata.HttpEndpoint ?? 'enabled';
  if (httpEndpoint !== 'enabled' && httpEndpoint !== 'disabled') {
    throw invalidParameterValue(`Value (${httpEndpoint}) for parameter HttpEndpoint is invalid.`);
  }
  if (model.world.faults.noCapacity(instanceType, subnet.availabilityZone)) {
    throw insufficientCapacity(model, instanceType, subnet.availabilityZone);
  }
  const volumeSize = Number(
    qStructList(p, 'BlockDeviceMapping').find((b) => b['Ebs.VolumeSize'])?.['Ebs.VolumeSize'] ??
      image.volumeSize,
  );
  const tags = tagSpecs(p, 'instance');
  const now = model.now;
  const reservationId = model.newId('r');
  const mapPublic = launchPublicIp(p, subnet.mapPublicIpOnLaunch);
  const instances: Instance[] = [];
  for (let n = 0; n < maxCount; n++) {
    const instanceId = model.newId('i');
    const eniId = model.createNetworkInterface({
      subnetId: subnet.subnetId,
      groupIds,
      description: '',
      associatePublicIp: mapPublic,
    });
    const eni = model.networkInterfaces.get(eniId);
    if (!eni) throw new Error('ENI vanished right after creation');
    eni.attachment = { attachmentId: model.newId('eni-attach'), instanceId, deviceIndex: 0, attachTime: now };
    const instance: Instance = {
      instanceId,
      reservationId,
      imageId,
      instanceType,
      architecture,
      subnetId: subnet.subnetId,
      vpcId: subnet.vpcId,
      availabilityZone: subnet.availabilityZone,
      securityGroupIds: [...groupIds],
      networkInterfaceId: eniId,
      privateIpAddress: eni.privateIpAddress,
      userData,
      iamInstanceProfile,
      httpTokens,
      httpEndpoint,
      httpPutResponseHopLimit: hopLimit,
      launchTime: now,
      clientToken,
      rootVolumeId: model.newId('vol'),
      rootVolumeSize: volumeSize,
      state: 'pending',
      transitionAt: now + model.world.durations.instancePending,
      stateTransitionReason: '',
    };
    model.instances.set(instanceId, instance);
    model.addTags(instanceId, tags);
    model.addTags(instance.rootVolumeId, tagSpecs(p, 'volume'));
    instances.push(instance);
  }
  if (clientToken) {
    model.clientTokens.set(clientToken, {
      fingerprint: fingerprint(p),
      reservationId,
      instanceIds: instances.map((i) => i.instanceId),
    });
  }
  return reservationXml(model, reservationId, instances);
};

/** `IamInstanceProfile.Name` / `.Arn` must name an existing profile (IAM emulator). */
function instanceProfile(model: Ec2Model, p: QueryParams): Instance['iamInstanceProfile'] {
  const spec = qStruct(p, 'IamInstanceProfile');
  if (!spec || (!spec.Name && !spec.Arn)) return undefined;
  const profiles = iamModelOf(model.world).profiles;
  const profile = spec.Name
    ? profiles.get(spec.Name)
    : [...profiles.values()].find((x) => x.arn === spec.Arn);
  if (!profile) {
    const field = spec.Name ? 'name' : 'arn';
    throw invalidParameterValue(
      `Value (${spec.Name ?? spec.Arn}) for parameter iamInstanceProfile.${field} is invalid. Invalid IAM Instance Profile ${field}`,
    );
  }
  return { arn: profile.arn, id: profile.id };
}

function insufficientCapacity(model: Ec2Model, instanceType: string, az: string): AwsError {
  const others = zonesOf(model.world.region)
    .map((z) => z.zoneName)
    .filter((z) => z !== az && !model.world.faults.noCapacity(instanceType, z));
  return new AwsError(
    'InsufficientInstanceCapacity',
    `We currently do not have sufficient ${instanceType} capacity in the Availability Zone you requested (${az}). ` +
      `Our system will be working on provisioning additional capacity. You can currently get ${instanceType} ` +
      `capacity by not specifying an Availability Zone in your request or choosing ${others.join(', ')}.`,
    500,
  );
}

function requireInstances(model: Ec2Model, p: QueryParams): Instance[] {
  const ids = qList(p, 'InstanceId');
  if (ids.length === 0)
    throw new AwsError('MissingParameter', 'The request must contain the parameter InstanceId');
  model.settle();
  const missing: string[] = [];
  const found: Instance[] = [];
  for (const id of ids) {
    const i = model.instances.get(id);
    if (i && model.isVisible(i) && model.isPropagated(id)) found.push(i);
    else {
      checkId('i', id); // throws Malformed for a bad shape
      missing.push(id);
    }
  }
  if (missing.length === 1) throw checkId('i', missing[0]);
  if (missing.length > 1) {
    throw new AwsError('InvalidInstanceID.NotFound', `The instance IDs '${missing.join(', ')}' do not exist`);
  }
  return found;
}

function stateChange(model: Ec2Model, i: Instance, previous: InstanceStateName) {
  return { instanceId: i.instanceId, currentState: stateXml(i.state), previousState: stateXml(previous) };
}

const stopInstances: Ec2Handler = (p, model) => {
  const instances = requireInstances(model, p);
  for (const i of instances) {
    if (i.state === 'terminated' || i.state === 'shutting-down') {
      throw incorrectInstanceState(
        `This instance '${i.instanceId}' is not in a state from which it can be stopped.`,
      );
    }
    if (i.state === 'pending' && !i.hasRun) {
      throw incorrectInstanceState(
        `Instance '${i.instanceId}' cannot be stopped as it has never reached the 'running' state.`,
      );
    }
  }
  const now = model.now;
  const changes = instances.map((i) => {
    const previous = i.state;
    if (i.state === 'pending' || i.state === 'running') {
      i.state = 'stopping';
      i.transitionAt = now + model.world.durations.instanceStopping;
      i.rebootUntil = undefined;
      i.stateTransitionReason = `User initiated (${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} GMT)`;
      // A stopped instance gives back its auto-assigned public IPv4 address.
      const eni = model.networkInterfaces.get(i.networkInterfaceId);
      if (eni) eni.publicIp = undefined;
    }
    return stateChange(model, i, previous);
  });
  return { instancesSet: xmlList('item', changes) };
};

const startInstances: Ec2Handler = (p, model) => {
  const instances = requireInstances(model, p);
  for (const i of instances) {
    if (i.state !== 'stopped' && i.state !== 'running' && i.state !== 'pending') {
      throw incorrectInstanceState(
        `The instance '${i.instanceId}' is not in a state from which it can be started.`,
      );
    }
  }
  for (const i of instances) {
    if (i.state === 'stopped' && model.world.faults.noCapacity(i.instanceType, i.availabilityZone)) {
      throw insufficientCapacity(model, i.instanceType, i.availabilityZone);
    }
  }
  const now = model.now;
  const changes = instances.map((i) => {
    const previous = i.state;
    if (i.state === 'stopped') {
      i.state = 'pending';
      i.transitionAt = now + model.world.durations.instancePending;
      i.stateTransitionReason = '';
      const subnet = model.subnets.get(i.subnetId);
      const eni = model.networkInterfaces.get(i.networkInterfaceId);
      if (eni && subnet?.mapPublicIpOnLaunch) eni.publicIp = model.allocatePublicIp();
    }
    return stateChange(model, i, previous);
  });
  return { instancesSet: xmlList('item', changes) };
};

const terminateInstances: Ec2Handler = (p, model) => {
  const instances = requireInstances(model, p);
  const now = model.now;
  const changes = instances.map((i) => {
    const previous = i.state;
    if (i.state !== 'terminated' && i.state !== 'shutting-down') {
      i.state = 'shutting-down';
      i.transitionAt = now + model.world.durations.instanceShuttingDown;
      i.rebootUntil = undefined;
      i.runningSince = undefined;
      i.stateTransitionReason = `User initiated (${new Date(now).toISOString().replace('T', ' ').slice(0, 19)} GMT)`;
    }
    return stateChange(model, i, previous);
  });
  return { instancesSet: xmlList('item', changes) };
};

const instanceFilters = (model: Ec2Model) => ({
  'instance-id': (i: Instance) => i.instanceId,
  'instance-state-name': (i: Instance) => i.state,
  'instance-state-code': (i: Instance) => String(STATE_CODES[i.state]),
  'instance-type': (i: Instance) => i.instanceType,
  'image-id': (i: Instance) => i.imageId,
  'vpc-id': (i: Instance) => i.vpcId,
  'subnet-id': (i: Instance) => i.subnetId,
  'availability-zone': (i: Instance) => i.availabilityZone,
  'private-ip-address': (i: Instance) => i.privateIpAddress,
  'ip-address': (i: Instance) => model.networkInterfaces.get(i.networkInterfaceId)?.publicIp,
  'instance.group-id': (i: Instance) => i.securityGroupIds,
  'group-id': (i: Instance) => i.securityGroupIds,
  'client-token': (i: Instance) => i.clientToken,
  'reservation-id': (i: Instance) => i.reservationId,
  'network-interface.network-interface-id': (i: Instance) => i.networkInterfaceId,
  architecture: (i: Instance) => i.architecture,
  'owner-id': () => model.accountId,
});

const describeInstances: Ec2Handler = (p, model) => {
  const ids = qList(p, 'InstanceId');
  const maxResults = qInt(p, 'MaxResults');
  if (ids.length > 0 && maxResults !== undefined) {
    throw invalidParameterCombination(
      'The parameter instancesSet cannot be used with the parameter maxResults',
    );
  }
  model.settle();
  const all =
    ids.length > 0
      ? requireInstances(model, p)
      : [...model.instances.values()].filter((i) => model.isVisible(i));
  const filtered = applyFilters(all, qFilters(p), instanceFilters(model), (i) => model.tagsOf(i.instanceId));
  const page = paginate(filtered, maxResults, p.NextToken);
  const byReservation = new Map<string, Instance[]>();
  for (const i of page.items)
    byReservation.set(i.reservationId, [...(byReservation.get(i.reservationId) ?? []), i]);
  return {
    reservationSet: xmlList(
      'item',
      [...byReservation.entries()].map(([rid, list]) => reservationXml(model, rid, list)),
    ),
    nextToken: page.nextToken,
  };
};

const describeInstanceAttribute: Ec2Handler = (p, model) => {
  const i = model.requireInstance(qRequired(p, 'InstanceId'));
  const attribute = qRequired(p, 'Attribute');
  const out: Record<string, unknown> = { instanceId: i.instanceId };
  switch (attribute) {
    case 'userData':
      out.userData = i.userData !== undefined ? { value: i.userData } : {};
      break;
    case 'instanceType':
      out.instanceType = { value: i.instanceType };
      break;
    case 'groupSet':
      out.groupSet = xmlList(
        'item',
        i.securityGroupIds.map((groupId) => ({ groupId })),
      );
      break;
    case 'disableApiTermination':
      out.disableApiTermination = { value: false };
      break;
    case 'disableApiStop':
      out.disableApiStop = { value: false };
      break;
    case 'rootDeviceName':
      out.rootDeviceName = { value: '/dev/xvda' };
      break;
    case 'instanceInitiatedShutdownBehavior':
      out.instanceInitiatedShutdownBehavior = { value: 'stop' };
      break;
    default:
      throw invalidParameterValue(
        `Value (${attribute}) for parameter attribute is invalid. Unknown attribute.`,
      );
  }
  return out;
};

/** Status checks pass once the instance has booted (`instanceBoot` after it became running). */
const describeInstanceStatus: Ec2Handler = (p, model) => {
  model.settle();
  const includeAll = qBool(p, 'IncludeAllInstances') ?? false;
  const ids = qList(p, 'InstanceId');
  const all =
    ids.length > 0
      ? requireInstances(model, p)
      : [...model.instances.values()].filter((i) => model.isVisible(i));
  const candidates = all.filter((i) => includeAll || i.state === 'running');
  const filtered = applyFilters(
    candidates,
    qFilters(p),
    {
      'instance-state-name': (i) => i.state,
      'availability-zone': (i) => i.availabilityZone,
      'instance-status.status': (i) => statusOf(model, i),
      'system-status.status': (i) => statusOf(model, i),
    },
    (i) => model.tagsOf(i.instanceId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    instanceStatusSet: xmlList(
      'item',
      page.items.map((i) => {
        const status = statusOf(model, i);
        const summary = {
          status,
          details: xmlList(
            'item',
            status === 'not-applicable'
              ? []
              : [{ name: 'reachability', status: status === 'ok' ? 'passed' : 'initializing' }],
          ),
        };
        return {
          instanceId: i.instanceId,
          availabilityZone: i.availabilityZone,
          instanceState: stateXml(i.state),
          systemStatus: summary,
          instanceStatus: summary,
        };
      }),
    ),
    nextToken: page.nextToken,
  };
};

function statusOf(model: Ec2Model, i: Instance): string {
  if (i.state !== 'running') return 'not-applicable';
  const since = i.runningSince ?? model.now;
  return model.now >= since + model.world.durations.instanceBoot ? 'ok' : 'initializing';
}

export const instanceHandlers: Record<string, Ec2Handler> = {
  RunInstances: runInstances,
  DescribeInstances: describeInstances,
  StopInstances: stopInstances,
  StartInstances: startInstances,
  TerminateInstances: terminateInstances,
  DescribeInstanceAttribute: describeInstanceAttribute,
  DescribeInstanceStatus: describeInstanceStatus,
};
