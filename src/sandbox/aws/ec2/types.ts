/** EC2 resource records as the model stores them (wire shapes are built in each resource's file). */

export type InstanceStateName =
  'pending' | 'running' | 'stopping' | 'stopped' | 'shutting-down' | 'terminated';

export interface Vpc {
  vpcId: string;
  cidrBlock: string;
  cidrAssociationId: string;
  enableDnsSupport: boolean;
  enableDnsHostnames: boolean;
  mainRouteTableId: string;
  defaultSecurityGroupId: string;
  dhcpOptionsId: string;
}

export interface Subnet {
  subnetId: string;
  vpcId: string;
  cidrBlock: string;
  availabilityZone: string;
  availabilityZoneId: string;
  mapPublicIpOnLaunch: boolean;
  /** Last host offset handed out (AWS reserves .0–.3 and the broadcast address). */
  lastHostOffset: number;
}

export interface InternetGateway {
  internetGatewayId: string;
  attachedVpcId?: string;
}

export interface Route {
  destinationCidrBlock: string;
  /** 'local' or an internet gateway id. */
  gatewayId: string;
  origin: 'CreateRouteTable' | 'CreateRoute';
}

export interface RouteTableAssociation {
  associationId: string;
  subnetId?: string;
  main: boolean;
}

export interface RouteTable {
  routeTableId: string;
  vpcId: string;
  routes: Route[];
  associations: RouteTableAssociation[];
}

export interface SecurityGroupRule {
  ruleId: string;
  /** 'tcp' | 'udp' | 'icmp' | '-1' (all). */
  ipProtocol: string;
  fromPort?: number;
  toPort?: number;
  cidrIp?: string;
  sourceGroupId?: string;
  description?: string;
}

export interface SecurityGroup {
  groupId: string;
  groupName: string;
  description: string;
  vpcId: string;
  ingress: SecurityGroupRule[];
  egress: SecurityGroupRule[];
}

export interface NetworkInterface {
  networkInterfaceId: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  groupIds: string[];
  description: string;
  interfaceType: string;
  requesterManaged: boolean;
  privateIpAddress: string;
  macAddress: string;
  publicIp?: string;
  attachment?: { attachmentId: string; instanceId: string; deviceIndex: number; attachTime: number };
  /** Virtual ms at which a lingering (deleted) interface disappears. */
  deleteAt?: number;
}

export interface Instance {
  instanceId: string;
  reservationId: string;
  imageId: string;
  instanceType: string;
  architecture: string;
  subnetId: string;
  vpcId: string;
  availabilityZone: string;
  securityGroupIds: string[];
  networkInterfaceId: string;
  privateIpAddress: string;
  keyName?: string;
  iamInstanceProfile?: { arn: string; id: string };
  /** Base64, exactly as sent. */
  userData?: string;
  httpTokens: 'optional' | 'required';
  httpEndpoint: 'enabled' | 'disabled';
  httpPutResponseHopLimit: number;
  launchTime: number;
  clientToken?: string;
  rootVolumeId: string;
  rootVolumeSize: number;
  state: InstanceStateName;
  /** When the current transitional state (pending, stopping, shutting-down) ends. */
  transitionAt?: number;
  /** Virtual ms when it last became running (during a CreateImage reboot: when the reboot ends). */
  runningSince?: number;
  rebootUntil?: number;
  /** Whether it has ever been running (a first-launch pending instance cannot be stopped). */
  hasRun?: boolean;
  terminatedAt?: number;
  stateTransitionReason: string;
}

export interface Image {
  imageId: string;
  name: string;
  description?: string;
  ownerId: string;
  ownerAlias?: string;
  isPublic: boolean;
  architecture: string;
  state: 'pending' | 'available' | 'deregistered';
  availableAt: number;
  creationDate: number;
  rootDeviceName: string;
  snapshotId?: string;
  volumeSize: number;
  sourceInstanceId?: string;
}

export interface Snapshot {
  snapshotId: string;
  volumeId: string;
  volumeSize: number;
  description: string;
  startTime: number;
  completedAt: number;
  ownerId: string;
}
