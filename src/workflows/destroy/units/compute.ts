/** Units for the web tier: instances, the AMI and its EBS snapshots. */
import { say } from '../../../i18n/said';
import type { Image, Instance, Snapshot } from '@aws-sdk/client-ec2';
import { eachExisting, NOT_TERMINATED_STATES } from '../../../aws/teardown-ec2';
import { envFilters, tagRecord } from '../../../aws/tags';
import { attempt } from '../outcome';
import { recordedIds, type Candidate } from '../resources';
import { mergeCandidates, type Unit } from './unit';

const instanceCandidate = (i: Instance, recorded: boolean): Candidate => ({
  type: 'instance',
  id: i.InstanceId!,
  tags: tagRecord(i.Tags),
  recorded,
  facts: { state: i.State?.Name },
});

export const instanceUnit: Unit = {
  type: 'instance',
  async find({ ec2 }, { env, recorded }) {
    const live = (i: Instance) => NOT_TERMINATED_STATES.includes(i.State?.Name ?? '');
    const tagged = await ec2.instances([
      ...envFilters(env),
      { Name: 'instance-state-name', Values: NOT_TERMINATED_STATES },
    ]);
    const byId = await eachExisting(recordedIds(recorded, 'instance'), (id) => ec2.instances([], [id]));
    return mergeCandidates(
      byId.filter(live).map((i) => instanceCandidate(i, true)),
      tagged.filter(live).map((i) => instanceCandidate(i, false)),
    );
  },
  async remove({ tEc2 }, c) {
    if (c.facts?.state === 'shutting-down')
      return { kind: 'pending', reason: say('work.stillInState', { state: 'shutting-down' }) };
    return attempt(() => tEc2.terminateInstances([c.id]));
  },
};

const imageCandidate = (i: Image, recorded: boolean): Candidate => ({
  type: 'image',
  id: i.ImageId!,
  tags: tagRecord(i.Tags),
  recorded,
});

/** An AMI can be deregistered at any time (instances launched from it keep running). */
export const imageUnit: Unit = {
  type: 'image',
  async find({ ec2 }, { env, recorded }) {
    const live = (i: Image) => i.State !== 'deregistered';
    const tagged = await ec2.images(envFilters(env));
    const byId = await eachExisting(recordedIds(recorded, 'image'), (id) => ec2.images([], [id]));
    return mergeCandidates(
      byId.filter(live).map((i) => imageCandidate(i, true)),
      tagged.filter(live).map((i) => imageCandidate(i, false)),
    );
  },
  remove: ({ tEc2 }, c) => attempt(() => tEc2.deregisterImage(c.id)),
};

const snapshotCandidate = (s: Snapshot, recorded: boolean): Candidate => ({
  type: 'snapshot',
  id: s.SnapshotId!,
  tags: tagRecord(s.Tags),
  recorded,
});

/** After the AMI: a snapshot its AMI still uses answers InvalidSnapshot.InUse (blocked). */
export const snapshotUnit: Unit = {
  type: 'snapshot',
  async find({ tEc2 }, { env, recorded }) {
    const tagged = await tEc2.snapshots(envFilters(env));
    const byId = await eachExisting(recordedIds(recorded, 'snapshot'), (id) => tEc2.snapshots([], [id]));
    return mergeCandidates(
      byId.map((s) => snapshotCandidate(s, true)),
      tagged.map((s) => snapshotCandidate(s, false)),
    );
  },
  remove: ({ tEc2 }, c) => attempt(() => tEc2.deleteSnapshot(c.id)),
};
