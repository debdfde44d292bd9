/**
 * Stopping and starting what an environment runs: its web servers (EC2) and its DB instance
 * (RDS StopDBInstance / StartDBInstance), with the waiter-shaped checks the sleep and wake
 * steps poll. Repeating a stop or a start is safe: EC2 ignores a stop of a stopping/stopped
 * instance and a start of a pending/running one; RDS refuses a second one with
 * InvalidDBInstanceState, which the steps read the state for first.
 */
import { StartInstancesCommand, StopInstancesCommand, type Instance } from '@aws-sdk/client-ec2';
import { StartDBInstanceCommand, StopDBInstanceCommand, type DBInstance } from '@aws-sdk/client-rds';
import type { Ec2Adapter } from './ec2';
import type { RdsAdapter } from './rds';

export async function stopInstances(ec2: Ec2Adapter, ids: string[]): Promise<void> {
  if (ids.length > 0) await ec2.client.send(new StopInstancesCommand({ InstanceIds: ids }));
}

export async function startInstances(ec2: Ec2Adapter, ids: string[]): Promise<void> {
  if (ids.length > 0) await ec2.client.send(new StartInstancesCommand({ InstanceIds: ids }));
}

export async function stopDbInstance(rds: RdsAdapter, identifier: string): Promise<DBInstance | undefined> {
  const out = await rds.client.send(new StopDBInstanceCommand({ DBInstanceIdentifier: identifier }));
  return out.DBInstance;
}

export async function startDbInstance(rds: RdsAdapter, identifier: string): Promise<DBInstance | undefined> {
  const out = await rds.client.send(new StartDBInstanceCommand({ DBInstanceIdentifier: identifier }));
  return out.DBInstance;
}

/**
 * EC2 state names by instance id (`missing` for one EC2 does not list). A filter, not
 * InstanceIds: a gone instance must read as missing, not fail the whole call with NotFound.
 */
export async function instanceStates(ec2: Ec2Adapter, ids: string[]): Promise<Map<string, string>> {
  const found: Instance[] = await ec2.instances([{ Name: 'instance-id', Values: ids }]);
  const states = new Map(ids.map((id) => [id, 'missing']));
  for (const i of found) if (i.InstanceId) states.set(i.InstanceId, i.State?.Name ?? 'unknown');
  return states;
}
