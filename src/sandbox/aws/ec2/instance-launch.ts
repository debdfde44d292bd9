/**
 * RunInstances: AMI, type and architecture checks, the type offered in the subnet's AZ
 * (`Unsupported`), ClientToken idempotency (with IdempotentParameterMismatch), user data, metadata options, IAM instance profile, an ENI per
 * instance with a public IP when asked or when the subnet maps one, and the injected
 * InsufficientInstanceCapacity fault.
 */
import { iamModelOf } from '../iam/model';
import { AwsError } from '../protocol/errors';
import { qInt, qList, qRequired, qStruct, qStructList, type QueryParams } from '../protocol/query';
import { zonesOf } from './azs';
import { checkId, invalidParameterValue } from './errors';
import { reservationXml } from './instance-xml';
import { architectureOf } from './instance-types';
import { unsupportedInAz } from './offerings';
import type { Ec2Handler, Ec2Model } from './model';
import { AMAZON_OWNER_ID } from './public-images';
import { tagSpecs } from './tags';
import type { Instance } from './types';

/** A stable fingerprint of a request's parameters (all but its ClientToken), for ClientToken idempotency. */
export function fingerprint(p: QueryParams): string {
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

export const runInstances: Ec2Handler = (p, model) => {
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
  if (!model.world.account.instanceTypeOffered(instanceType, subnet.availabilityZone)) {
    throw unsupportedInAz(model, instanceType, subnet.availabilityZone);
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
      tags: tagSpecs(p, 'network-interface'),
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

export function insufficientCapacity(model: Ec2Model, instanceType: string, az: string): AwsError {
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
