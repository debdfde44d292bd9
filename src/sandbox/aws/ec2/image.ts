/**
 * AMIs and their EBS snapshots: CreateImage reboots the instance unless NoReboot, the image is
 * `pending` until `imageCreate` has passed, with one snapshot for the root volume; duplicate
 * names are refused; a snapshot used by a registered AMI cannot be deleted.
 * LIMITATIONS: root volume only (no extra block device mappings); no copy/share/launch permissions.
 */
import { AwsError } from '../protocol/errors';
import { qBool, qFilters, qInt, qList, qRequired } from '../protocol/query';
import { xmlList } from '../protocol/xml';
import { checkId, invalidParameterValue } from './errors';
import { applyFilters } from './filters';
import type { Ec2Handler, Ec2Model } from './model';
import { paginate } from './paginate';
import { tagSet, tagSpecs } from './tags';
import type { Image, Snapshot } from './types';

export function imageXml(model: Ec2Model, img: Image) {
  return {
    imageId: img.imageId,
    imageLocation: `${img.ownerAlias ?? img.ownerId}/${img.name}`,
    imageState: img.state,
    imageOwnerId: img.ownerId,
    imageOwnerAlias: img.ownerAlias,
    creationDate: new Date(img.creationDate).toISOString(),
    isPublic: img.isPublic,
    architecture: img.architecture,
    imageType: 'machine',
    platformDetails: 'Linux/UNIX',
    usageOperation: 'RunInstances',
    name: img.name,
    description: img.description,
    rootDeviceType: 'ebs',
    rootDeviceName: img.rootDeviceName,
    blockDeviceMapping: xmlList('item', [
      {
        deviceName: img.rootDeviceName,
        ebs: {
          snapshotId: img.snapshotId ?? `snap-0${img.imageId.slice(5)}`,
          volumeSize: img.volumeSize,
          deleteOnTermination: true,
          volumeType: 'gp3',
          encrypted: false,
        },
      },
    ]),
    virtualizationType: 'hvm',
    hypervisor: 'xen',
    enaSupport: true,
    sriovNetSupport: 'simple',
    bootMode: 'uefi-preferred',
    imdsSupport: img.ownerAlias === 'amazon' ? 'v2.0' : undefined,
    sourceInstanceId: img.sourceInstanceId,
    tagSet: tagSet(model, img.imageId),
  };
}

function snapshotXml(model: Ec2Model, s: Snapshot) {
  const done = s.completedAt <= model.now;
  return {
    snapshotId: s.snapshotId,
    volumeId: s.volumeId,
    status: done ? 'completed' : 'pending',
    startTime: new Date(s.startTime),
    progress: done ? '100%' : '0%',
    ownerId: s.ownerId,
    description: s.description,
    volumeSize: s.volumeSize,
    encrypted: false,
    storageTier: 'standard',
    completionTime: done ? new Date(s.completedAt) : undefined,
    tagSet: tagSet(model, s.snapshotId),
  };
}

const IMAGE_NAME = /^[A-Za-z0-9()[\]. /'@_-]{3,128}$/;

const createImage: Ec2Handler = (p, model) => {
  const instance = model.requireInstance(qRequired(p, 'InstanceId'));
  const name = qRequired(p, 'Name');
  if (!IMAGE_NAME.test(name)) {
    throw invalidParameterValue(
      `AMI names must be between 3 and 128 characters long, and may contain letters, numbers, '(', ')', '.', '-', '/' and '_'`,
    );
  }
  if (instance.state !== 'running' && instance.state !== 'stopping' && instance.state !== 'stopped') {
    throw invalidParameterValue(
      `Invalid value '${instance.instanceId}' for instanceId. Instance is not in state 'running' or 'stopping' or 'stopped'`,
    );
  }
  const duplicate = [...model.images.values()].find(
    (img) => img.ownerId === model.accountId && img.state !== 'deregistered' && img.name === name,
  );
  if (duplicate) {
    throw new AwsError(
      'InvalidAMIName.Duplicate',
      `AMI name ${name} is already in use by AMI ${duplicate.imageId}`,
    );
  }
  const imageTags = tagSpecs(p, 'image');
  const snapshotTags = tagSpecs(p, 'snapshot');
  const now = model.now;
  const d = model.world.durations;
  const rebooting = instance.state === 'running' && !(qBool(p, 'NoReboot') ?? false);
  // The snapshot starts once the instance has shut down for the reboot; the image follows it.
  const start = rebooting ? now + d.imageReboot : now;
  const imageId = model.newId('ami');
  const snapshot: Snapshot = {
    snapshotId: model.newId('snap'),
    volumeId: instance.rootVolumeId,
    volumeSize: instance.rootVolumeSize,
    description: `Created by CreateImage(${instance.instanceId}) for ${imageId}`,
    startTime: now,
    completedAt: Math.max(start, now + d.imageCreate),
    ownerId: model.accountId,
  };
  const image: Image = {
    imageId,
    name,
    description: p.Description,
    ownerId: model.accountId,
    isPublic: false,
    architecture: instance.architecture,
    state: 'pending',
    availableAt: snapshot.completedAt,
    creationDate: now,
    rootDeviceName: '/dev/xvda',
    snapshotId: snapshot.snapshotId,
    volumeSize: instance.rootVolumeSize,
    sourceInstanceId: instance.instanceId,
  };
  if (rebooting) {
    instance.rebootUntil = now + d.imageReboot;
    instance.runningSince = instance.rebootUntil;
  }
  model.snapshots.set(snapshot.snapshotId, snapshot);
  model.images.set(imageId, image);
  model.addTags(imageId, imageTags);
  model.addTags(snapshot.snapshotId, snapshotTags);
  return { imageId };
};

const describeImages: Ec2Handler = (p, model) => {
  model.settle();
  const ids = qList(p, 'ImageId');
  const owners = qList(p, 'Owner');
  let images: Image[];
  if (ids.length > 0) {
    images = ids.map((id) => {
      if (!/^ami-([0-9a-f]{8}|[0-9a-f]{17})$/.test(id)) {
        throw new AwsError('InvalidAMIID.Malformed', `Invalid id: "${id}" (expecting "ami-...")`);
      }
      const img = model.images.get(id);
      if (!img || !model.isPropagated(id)) throw checkId('ami', id);
      return img;
    });
    images = images.filter((img) => img.state !== 'deregistered');
  } else {
    images = model
      .listed(model.images.values(), (img) => img.imageId)
      .filter((img) => img.state !== 'deregistered');
  }
  if (owners.length > 0) {
    images = images.filter((img) =>
      owners.some(
        (o) =>
          (o === 'self' && img.ownerId === model.accountId) ||
          o === img.ownerId ||
          (img.ownerAlias !== undefined && o === img.ownerAlias),
      ),
    );
  }
  const filtered = applyFilters(
    images,
    qFilters(p),
    {
      'image-id': (i) => i.imageId,
      name: (i) => i.name,
      state: (i) => i.state,
      'owner-id': (i) => i.ownerId,
      'owner-alias': (i) => i.ownerAlias,
      architecture: (i) => i.architecture,
      'is-public': (i) => String(i.isPublic),
      'image-type': () => 'machine',
      'root-device-type': () => 'ebs',
      'virtualization-type': () => 'hvm',
      'block-device-mapping.snapshot-id': (i) => i.snapshotId,
      'source-instance-id': (i) => i.sourceInstanceId,
    },
    (i) => model.tagsOf(i.imageId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    imagesSet: xmlList(
      'item',
      page.items.map((i) => imageXml(model, i)),
    ),
    nextToken: page.nextToken,
  };
};

const deregisterImage: Ec2Handler = (p, model) => {
  const image = model.requireImage(qRequired(p, 'ImageId'));
  if (image.ownerId !== model.accountId) {
    throw new AwsError('AuthFailure', `Not authorized for image:${image.imageId}`, 400);
  }
  image.state = 'deregistered';
  model.tags.delete(image.imageId);
  return { return: true };
};

const describeSnapshots: Ec2Handler = (p, model) => {
  const ids = qList(p, 'SnapshotId');
  const owners = qList(p, 'Owner');
  let snapshots =
    ids.length > 0
      ? ids.map((id) => {
          const s = model.snapshots.get(id);
          if (!s || !model.isPropagated(id)) throw checkId('snap', id);
          return s;
        })
      : model.listed(model.snapshots.values(), (s) => s.snapshotId);
  if (owners.length > 0) {
    snapshots = snapshots.filter((s) => owners.some((o) => o === 'self' || o === s.ownerId));
  }
  const filtered = applyFilters(
    snapshots,
    qFilters(p),
    {
      'snapshot-id': (s) => s.snapshotId,
      'volume-id': (s) => s.volumeId,
      status: (s) => (s.completedAt <= model.now ? 'completed' : 'pending'),
      'owner-id': (s) => s.ownerId,
      description: (s) => s.description,
      'volume-size': (s) => String(s.volumeSize),
    },
    (s) => model.tagsOf(s.snapshotId),
  );
  const page = paginate(filtered, qInt(p, 'MaxResults'), p.NextToken);
  return {
    snapshotSet: xmlList(
      'item',
      page.items.map((s) => snapshotXml(model, s)),
    ),
    nextToken: page.nextToken,
  };
};

const deleteSnapshot: Ec2Handler = (p, model) => {
  const id = qRequired(p, 'SnapshotId');
  const snapshot = model.snapshots.get(id);
  if (!snapshot) throw checkId('snap', id);
  model.settle();
  const user = [...model.images.values()].find(
    (img) => img.snapshotId === id && img.state !== 'deregistered',
  );
  if (user) {
    throw new AwsError('InvalidSnapshot.InUse', `The snapshot ${id} is currently in use by ${user.imageId}`);
  }
  model.snapshots.delete(id);
  model.tags.delete(id);
  return { return: true };
};

export const imageHandlers: Record<string, Ec2Handler> = {
  CreateImage: createImage,
  DescribeImages: describeImages,
  DeregisterImage: deregisterImage,
  DescribeSnapshots: describeSnapshots,
  DeleteSnapshot: deleteSnapshot,
};
