/**
 * EC2 calls the teardown needs beyond Ec2Adapter's finders: lookups that tolerate ids that no
 * longer exist, and the delete calls. Thin like the other adapters: one SDK call per method,
 * errors are thrown as AWS sends them (the destroy workflow classifies them).
 */
import {
  DeleteInternetGatewayCommand,
  DeleteNetworkInterfaceCommand,
  DeleteRouteCommand,
  DeleteRouteTableCommand,
  DeleteSecurityGroupCommand,
  DeleteSnapshotCommand,
  DeleteSubnetCommand,
  DeleteVpcCommand,
  DeregisterImageCommand,
  DetachInternetGatewayCommand,
  DisassociateRouteTableCommand,
  RevokeSecurityGroupIngressCommand,
  TerminateInstancesCommand,
  paginateDescribeNetworkInterfaces,
  paginateDescribeSnapshots,
  type Filter,
  type IpPermission,
  type NetworkInterface,
  type Snapshot,
} from '@aws-sdk/client-ec2';
import type { Ec2Adapter } from './ec2';
import { isNotFound } from './errors';

/** Instance states still worth terminating or waiting for (a terminated one is gone). */
export const NOT_TERMINATED_STATES = ['pending', 'running', 'stopping', 'stopped', 'shutting-down'];

/** Looks each id up alone, so one id that is gone does not hide the others. */
export async function eachExisting<T>(ids: readonly string[], lookup: (id: string) => Promise<T[]>) {
  const out: T[] = [];
  for (const id of new Set(ids)) {
    try {
      out.push(...(await lookup(id)));
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
  return out;
}

export class TeardownEc2 {
  constructor(readonly ec2: Ec2Adapter) {}

  private get client() {
    return this.ec2.client;
  }

  async snapshots(filters: Filter[], ids?: string[]): Promise<Snapshot[]> {
    const out: Snapshot[] = [];
    for await (const page of paginateDescribeSnapshots(
      { client: this.client },
      { OwnerIds: ['self'], Filters: filters.length ? filters : undefined, SnapshotIds: ids },
    )) {
      out.push(...(page.Snapshots ?? []));
    }
    return out;
  }

  async networkInterfaces(filters: Filter[]): Promise<NetworkInterface[]> {
    const out: NetworkInterface[] = [];
    for await (const page of paginateDescribeNetworkInterfaces(
      { client: this.client },
      { Filters: filters },
    )) {
      out.push(...(page.NetworkInterfaces ?? []));
    }
    return out;
  }

  async terminateInstances(ids: string[]): Promise<void> {
    await this.client.send(new TerminateInstancesCommand({ InstanceIds: ids }));
  }

  async deregisterImage(imageId: string): Promise<void> {
    await this.client.send(new DeregisterImageCommand({ ImageId: imageId }));
  }

  async deleteSnapshot(snapshotId: string): Promise<void> {
    await this.client.send(new DeleteSnapshotCommand({ SnapshotId: snapshotId }));
  }

  async revokeIngress(groupId: string, permissions: IpPermission[]): Promise<void> {
    await this.client.send(
      new RevokeSecurityGroupIngressCommand({ GroupId: groupId, IpPermissions: permissions }),
    );
  }

  async deleteSecurityGroup(groupId: string): Promise<void> {
    await this.client.send(new DeleteSecurityGroupCommand({ GroupId: groupId }));
  }

  async disassociateRouteTable(associationId: string): Promise<void> {
    await this.client.send(new DisassociateRouteTableCommand({ AssociationId: associationId }));
  }

  async deleteRoute(routeTableId: string, destinationCidrBlock: string): Promise<void> {
    await this.client.send(
      new DeleteRouteCommand({ RouteTableId: routeTableId, DestinationCidrBlock: destinationCidrBlock }),
    );
  }

  async deleteRouteTable(routeTableId: string): Promise<void> {
    await this.client.send(new DeleteRouteTableCommand({ RouteTableId: routeTableId }));
  }

  async detachInternetGateway(igwId: string, vpcId: string): Promise<void> {
    await this.client.send(new DetachInternetGatewayCommand({ InternetGatewayId: igwId, VpcId: vpcId }));
  }

  async deleteInternetGateway(igwId: string): Promise<void> {
    await this.client.send(new DeleteInternetGatewayCommand({ InternetGatewayId: igwId }));
  }

  async deleteSubnet(subnetId: string): Promise<void> {
    await this.client.send(new DeleteSubnetCommand({ SubnetId: subnetId }));
  }

  async deleteVpc(vpcId: string): Promise<void> {
    await this.client.send(new DeleteVpcCommand({ VpcId: vpcId }));
  }

  async deleteNetworkInterface(eniId: string): Promise<void> {
    await this.client.send(new DeleteNetworkInterfaceCommand({ NetworkInterfaceId: eniId }));
  }
}
