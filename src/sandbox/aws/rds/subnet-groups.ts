/** DB subnet groups: a named set of subnets of one VPC covering at least two AZs. */
import { rdsErrors } from './errors';
import { checkSubnetGroupName, rdsArn } from './names';
import type { Ec2Port } from './ports';
import type { DbSubnetGroup, Tag } from './types';

export interface CreateSubnetGroupInput {
  name?: string;
  description?: string;
  subnetIds: string[];
  tags: Tag[];
}

export class SubnetGroupStore {
  private readonly groups = new Map<string, DbSubnetGroup>();

  constructor(
    private readonly ec2: Ec2Port,
    private readonly region: string,
    private readonly accountId: string,
  ) {}

  create(input: CreateSubnetGroupInput): DbSubnetGroup {
    const name = checkSubnetGroupName(input.name);
    if (input.description === undefined) throw rdsErrors.missingParameter('DBSubnetGroupDescription');
    if (input.subnetIds.length === 0) throw rdsErrors.missingParameter('SubnetIds');
    if (this.groups.has(name)) throw rdsErrors.subnetGroupAlreadyExists(name);
    const subnets = input.subnetIds.map((id) => {
      const subnet = this.ec2.getSubnet(id);
      if (!subnet)
        throw rdsErrors.invalidSubnet(`Some input subnets in :[${input.subnetIds.join(', ')}] are invalid.`);
      return subnet;
    });
    const vpcIds = new Set(subnets.map((s) => s.vpcId));
    if (vpcIds.size > 1) {
      throw rdsErrors.invalidSubnet('Subnets in the DB subnet group must all belong to the same VPC.');
    }
    if (new Set(subnets.map((s) => s.availabilityZone)).size < 2) throw rdsErrors.subnetGroupNotEnoughAzs();
    const group: DbSubnetGroup = {
      name,
      arn: rdsArn(this.region, this.accountId, 'subgrp', name),
      description: input.description,
      vpcId: subnets[0].vpcId,
      subnets: subnets.map((s) => ({ subnetId: s.subnetId, availabilityZone: s.availabilityZone })),
      tags: input.tags,
    };
    this.groups.set(name, group);
    return group;
  }

  get(name: string): DbSubnetGroup {
    const group = this.groups.get(name.toLowerCase());
    if (!group) throw rdsErrors.subnetGroupNotFound(name);
    return group;
  }

  find(name: string): DbSubnetGroup | undefined {
    return this.groups.get(name.toLowerCase());
  }

  list(): DbSubnetGroup[] {
    return [...this.groups.values()].sort((a, b) => a.name.localeCompare(b.name));
  }

  delete(name: string): void {
    this.groups.delete(name.toLowerCase());
  }

  reset(): void {
    this.groups.clear();
  }
}
