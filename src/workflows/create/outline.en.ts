/**
 * The create steps in English: each step's title and its explanation (`--explain`, `/site
 * explain`), beside the outline they describe (./outline.ts). "Hands-on §n" is the numbering of
 * the write-up the environment comes from (shared/seeds, restated in SPEC.md); the facts are
 * carried over from it and from AWS's documentation, the words are ours. Japanese: ./outline.ja.ts.
 */
import { awsDoc, type ExplainedStepTexts } from '../../i18n/explain';
import type { CreateFacts } from './explain-facts';
import type { CreateStepId } from './outline';

const doc = (title: string, path: string) => ({ title, url: awsDoc(path, 'en') });
const id = (v: string | undefined) => (v ? ` (${v})` : '');

export const CREATE_STEPS_EN: ExplainedStepTexts<CreateStepId, CreateFacts> = {
  preflight: {
    title: 'Check quotas and offerings',
    explain: (f) => ({
      what: `Reads this account's quotas in ${f.region} (VPCs, internet gateways, instances, load balancers, DB instances) and whether ${f.instanceType} and ${f.dbClass} with MySQL ${f.engineVersion} are offered in ${f.azs[0]} and ${f.azs[1]}.`,
      why: 'A create that would stop half way on a quota or an instance type the AZ does not offer is refused here, before anything is made and paid for.',
      handsOn:
        'The hands-on has no such step: a console user finds out when a screen shows the error, with half the environment already built.',
      differs:
        'sitebot checks first and creates nothing when a check fails, so a refused create leaves nothing behind to clean up.',
      doc: doc('What is Service Quotas?', 'servicequotas/latest/userguide/intro.html'),
    }),
  },
  vpc: {
    title: 'Create VPC',
    explain: (f) => ({
      what: `The VPC ${f.names.vpc}${id(f.seen.vpcId)}, ${f.vpcCidr} in ${f.region}: the private network everything else lives in. DNS resolution is on and DNS hostnames off, as in the hands-on.`,
      why: 'Every other resource sits inside it, so it comes first; only the credentials, which need no network, start beside it.',
      handsOn:
        'Hands-on §1 (1-1 to 1-3): "VPC and more" built the VPC, its subnets and route tables in one go with default names, renamed by hand afterwards.',
      differs: `sitebot creates each resource itself with ${f.env} in its name and tags, so several environments live side by side in one account and each is found again after a crash.`,
      doc: doc('Create a VPC', 'vpc/latest/userguide/create-vpc.html'),
    }),
  },
  subnets: {
    title: 'Create subnets',
    explain: (f) => ({
      what: `Four subnets over ${f.azs[0]} and ${f.azs[1]}: public ${f.cidr.publicA} and ${f.cidr.publicC} (a public IPv4 address on launch) for the web servers and the load balancer, private ${f.cidr.privateA} and ${f.cidr.privateC} for the database.`,
      why: 'A subnet lives in a single AZ, so surviving the loss of an AZ takes one of each kind in both. The DB subnet group and the load balancer wait for them.',
      handsOn:
        'Hands-on §1 (1-4, 1-5): the same four CIDR blocks, made by "VPC and more" and renamed パブリックサブネット-1a and so on.',
      doc: doc('Subnets for your VPC', 'vpc/latest/userguide/configure-subnets.html'),
    }),
  },
  'internet-gateway': {
    title: 'Create and attach internet gateway',
    explain: (f) => ({
      what: `The internet gateway ${f.names.igw}, attached to the VPC.`,
      why: 'Without it nothing in the VPC can reach the internet or be reached from it. The load balancer waits for it: an internet-facing load balancer needs a way in.',
      handsOn: 'Hands-on §1: "VPC and more" created and attached it without a click of its own.',
      doc: doc('Internet gateways', 'vpc/latest/userguide/VPC_Internet_Gateway.html'),
    }),
  },
  'public-routes': {
    title: 'Route public subnets to the internet',
    explain: (f) => ({
      what: `The route table ${f.names.publicRouteTable} with 0.0.0.0/0 → the internet gateway, associated with both public subnets.`,
      why: "This route is what makes a subnet public. The private subnets keep the VPC's main route table, which has no way out, so the database cannot be reached from the internet even by mistake.",
      handsOn: 'Hands-on §1: "VPC and more" created the public and private route tables.',
      doc: doc('Route tables', 'vpc/latest/userguide/VPC_Route_Tables.html'),
    }),
  },
  'security-groups': {
    title: 'Create security groups',
    explain: (f) => ({
      what: `Three security groups: ${f.names.elbSg} (HTTP 80 from anywhere), ${f.names.webSg} (HTTP 80 from ${f.names.elbSg} only) and ${f.names.dbSg} (MySQL 3306 from ${f.names.webSg} only).`,
      why: 'They chain the tiers: the internet reaches only the load balancer, the load balancer only the web servers, the web servers only the database.',
      handsOn: 'Hands-on: web-sg in §2 (2-2), db-sg in §3 (3-1 to 3-3), elb-sg in §4 (4-1 to 4-3).',
      differs:
        "The hands-on's web-sg let SSH 22 and HTTP 80 in from 0.0.0.0/0. sitebot opens no SSH at all (Session Manager gives a shell without an open port) and lets HTTP in from the load balancer only, so nobody can reach the servers around it.",
      doc: doc(
        'Control traffic to your AWS resources using security groups',
        'vpc/latest/userguide/vpc-security-groups.html',
      ),
    }),
  },
  credentials: {
    title: 'Generate credentials (Secrets Manager)',
    explain: (f) => ({
      what: `The secret ${f.names.secret} in Secrets Manager, holding a generated master password for the database and an admin password for WordPress.`,
      why: 'Both the database and the web servers need them, so this starts at once. Their values are never shown: not in Slack, not in logs, not in the run record.',
      handsOn:
        'Hands-on §3 (3-9) typed a master password by hand, and §5 (5-3, 5-4) typed it again into the WordPress installer together with an admin password.',
      differs:
        'A generated password kept in Secrets Manager is never weak, never written down and never pasted into a chat.',
      doc: doc('What is AWS Secrets Manager?', 'secretsmanager/latest/userguide/intro.html'),
    }),
  },
  'web-role': {
    title: 'Create web server role',
    explain: (f) => ({
      what: `The IAM role and instance profile ${f.names.webRole}: the web servers may read that one secret and look up their own database, nothing else.`,
      why: 'With it the user data reads the password and finds the database endpoint by itself, so no password travels in user data. It waits for the secret, whose ARN its policy names.',
      handsOn:
        'No counterpart in the hands-on: its servers had no role, and a person copied the endpoint and the password into the browser (§3-12, §5-3).',
      doc: doc('IAM roles for Amazon EC2', 'AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html'),
    }),
  },
  'db-subnet-group': {
    title: 'Create DB subnet group',
    explain: (f) => ({
      what: `The DB subnet group ${f.names.dbSubnetGroup} over the private subnets ${f.cidr.privateA} (${f.azs[0]}) and ${f.cidr.privateC} (${f.azs[1]}).`,
      why: 'RDS places a database only in the subnets of its subnet group, and the group must cover at least two AZs: one for the primary, another for the standby.',
      handsOn: 'Hands-on §3 (3-4 to 3-6): db-subnetgroup over the same two private subnets.',
      doc: doc(
        'Working with a DB instance in a VPC',
        'AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
      ),
    }),
  },
  database: {
    title: 'Create MySQL database',
    explain: (f) => ({
      what:
        f.multiAz === 'now'
          ? `The MySQL ${f.engineVersion} instance ${f.names.db} (${f.dbClass}, not public, backups off), created Multi-AZ: the primary in one AZ and a synchronously replicated standby in the other${f.seen.dbAz ? ` (primary in ${f.seen.dbAz}${f.seen.standbyAz ? `, standby in ${f.seen.standbyAz}` : ''})` : ''}.`
          : `The MySQL ${f.engineVersion} instance ${f.names.db} (${f.dbClass}, not public, backups off), single-AZ in ${f.azs[0]}.`,
      why: 'It sets the pace of the whole create: RDS takes many minutes to build an instance, longer with a standby. So it starts as soon as its subnet group, its security group and its password exist, and the servers and the load balancer are built beside it.',
      handsOn:
        'Hands-on §3 (3-7 to 3-12): MySQL 8.0.28 on the free tier as test-rds-1 in ap-northeast-1a, initial database wordpress; the endpoint was noted down by hand.',
      differs: `MySQL ${f.engineVersion} because 8.0 has left RDS standard support (an old major version costs extra). The servers reach the database by the endpoint's DNS name, never an IP, so a failover takes them along.${f.multiAz === 'now' ? ' Creating it Multi-AZ from the start reaches the state of §9 in one step, and sooner.' : ''}`,
      doc: doc('Creating an Amazon RDS DB instance', 'AmazonRDS/latest/UserGuide/USER_CreateDBInstance.html'),
    }),
  },
  'database-multi-az': {
    title: 'Make the database Multi-AZ',
    explain: (f) => ({
      what:
        f.multiAz === 'later'
          ? `Modify ${f.names.db} to Multi-AZ and apply it immediately: RDS snapshots the primary, restores the snapshot as a standby in ${f.seen.standbyAz ?? f.azs[1]} and starts synchronous replication to it.`
          : f.multiAz === 'now'
            ? `Wait until the standby of ${f.names.db} is in service in ${f.seen.standbyAz ?? 'the other AZ'} (the database was created Multi-AZ).`
            : 'Nothing to do: with --multi-az off the database stays single-AZ.',
      why:
        f.multiAz === 'off'
          ? 'A single-AZ database has no standby: rebooting it, or losing its AZ, stops the site until it is back.'
          : 'A full copy of the data has to be made and caught up before the standby can take over, which makes this the slowest step; the site is only reported ready once it is done.',
      handsOn:
        'Hands-on §9 (9-1 to 9-6): "Create a standby instance", "Apply immediately", then waiting for 変更中 (modifying) to become 利用可能 (available).',
      ...(f.multiAz === 'later'
        ? {}
        : {
            differs:
              "sitebot's default, --multi-az now, creates the standby with the database: the same end state, reached sooner. --multi-az later does it the hands-on's way.",
          }),
      doc: doc(
        'Multi-AZ DB instance deployments',
        'AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
      ),
    }),
  },
  'web-1': {
    title: 'Launch web server #1',
    explain: (f) => ({
      what: `Web server #1 ${f.names.web(1)}${id(f.seen.web1)}: ${f.instanceType}, Amazon Linux 2023, in the public subnet of ${f.azs[0]}, with ${f.names.webSg}, the role and IMDSv2 required. Its user data installs Apache, PHP and WordPress and points WordPress at the database.`,
      why: 'It waits for the subnets, the security groups, the routes and the role, but not for the database: the user data waits for the endpoint itself.',
      handsOn:
        'Hands-on §2 (2-1 to 2-3) launched Test-EC2#1 from Amazon Linux 2 with a user data script, and §5 finished the WordPress install in a browser.',
      differs:
        "Amazon Linux 2023 because Amazon Linux 2 is at the end of its support; IMDSv2 so that a forged request through the site cannot read the role's credentials. The hands-on's script had lost a command substitution (PHP_VERSION=php -v …); sitebot's works, and finishes WordPress without a browser.",
      doc: doc(
        'Run commands when you launch an EC2 instance with user data',
        'AWSEC2/latest/UserGuide/user-data.html',
      ),
    }),
  },
  'web-ami': {
    title: 'Create AMI of web server #1',
    explain: (f) => ({
      what: `The AMI ${f.names.ami}${id(f.seen.imageId)} of web server #1, with a reboot: EC2 stops the instance for a moment and takes its root volume as an EBS snapshot.`,
      why: 'Web server #2 must be an exact copy of #1, so it waits for this AMI. The reboot makes sure the file system in the snapshot is consistent.',
      handsOn:
        'Hands-on §6 (6-1 to 6-5): "Create image" with "No reboot" left unticked, then the snapshot found under Storage. An AMI is the snapshot plus what is needed to launch from it.',
      doc: doc('Create an Amazon EBS-backed AMI', 'AWSEC2/latest/UserGuide/creating-an-ami-ebs.html'),
    }),
  },
  'web-2': {
    title: 'Launch web server #2 from the AMI',
    explain: (f) => ({
      what: `Web server #2 ${f.names.web(2)}${id(f.seen.web2)} from ${f.names.ami}, in the public subnet of ${f.azs[1]}, with the same security group and role.`,
      why: `The second AZ is the point: if ${f.azs[0]} fails, this server still answers. It boots with WordPress already on its disk.`,
      handsOn:
        'Hands-on §7 (7-1 to 7-5): "Launch instance from AMI" into パブリックサブネット-1c, then checking that its volume came from the AMI\'s snapshot.',
      doc: doc('Amazon Machine Images in Amazon EC2', 'AWSEC2/latest/UserGuide/AMIs.html'),
    }),
  },
  'target-group': {
    title: 'Create target group',
    explain: (f) => ({
      what: `The target group ${f.names.targetGroup}: instance targets on HTTP 80, health check HTTP ${f.healthCheckPath}.`,
      why: 'The health check asks for a static file of WordPress, so a server counts as healthy as soon as Apache serves files, even before the database answers. It needs only the VPC, so it is made early.',
      handsOn:
        'Hands-on §4 (4-4 to 4-8): elb-targetgroup with the same health check path, Test-EC2#1 registered while creating it.',
      differs: 'sitebot registers both servers later, together, once they run.',
      doc: doc(
        'Target groups for your Application Load Balancers',
        'elasticloadbalancing/latest/application/load-balancer-target-groups.html',
      ),
    }),
  },
  'load-balancer': {
    title: 'Create load balancer',
    explain: (f) => ({
      what: `The internet-facing Application Load Balancer ${f.names.alb} over the public subnets of ${f.azs[0]} and ${f.azs[1]}, with ${f.names.elbSg}${f.seen.dnsName ? `; its address is ${f.seen.dnsName}` : ''}.`,
      why: 'A load balancer routes only to targets in the AZs it is enabled in, so it gets a subnet in both. It takes a few minutes to provision, in parallel with the servers.',
      handsOn:
        'Hands-on §4 (4-9 to 4-14): Test-ELB, internet-facing, IPv4, both AZs mapped, elb-sg; its DNS name was noted down.',
      doc: doc(
        'Application Load Balancers',
        'elasticloadbalancing/latest/application/application-load-balancers.html',
      ),
    }),
  },
  listener: {
    title: 'Create HTTP listener',
    explain: (f) => ({
      what: `An HTTP listener on port 80 of ${f.names.alb} that forwards to ${f.names.targetGroup}.`,
      why: "The listener joins the load balancer's address to the target group, so it waits for both.",
      handsOn: 'Hands-on §4 (4-12): "Listeners and routing", HTTP 80 → elb-targetgroup.',
      doc: doc(
        'Listeners for your Application Load Balancers',
        'elasticloadbalancing/latest/application/load-balancer-listeners.html',
      ),
    }),
  },
  'register-targets': {
    title: 'Register web servers',
    explain: (f) => ({
      what: `Register ${f.names.web(1)} and ${f.names.web(2)} as targets of ${f.names.targetGroup}.`,
      why: 'Registration is what puts a server behind the load balancer, and an instance must be running to be registered, so this waits for both.',
      handsOn: 'Hands-on §4 (4-7) registered Test-EC2#1 and §8 (8-1 to 8-6) Test-EC2#2.',
      doc: doc(
        'Register targets with your target group',
        'elasticloadbalancing/latest/application/target-group-register-targets.html',
      ),
    }),
  },
  'targets-healthy': {
    title: 'Wait for both targets healthy',
    explain: (f) => ({
      what: `Wait until both targets pass the health check on ${f.healthCheckPath}.`,
      why: 'A newly registered target gets requests only once it has passed a health check; until then the site is not really served by two servers in two AZs.',
      handsOn:
        'Hands-on §8 (8-6): checking that both servers were registered and healthy in the target group.',
      doc: doc(
        'Health checks for Application Load Balancer target groups',
        'elasticloadbalancing/latest/application/target-group-health-checks.html',
      ),
    }),
  },
  site: {
    title: 'Check the site answers',
    explain: (f) => ({
      what: `Ask for the site through the load balancer${f.seen.siteUrl ? ` (${f.seen.siteUrl})` : ''} until it answers 200.`,
      why: 'The last check of the whole chain, load balancer → web server → WordPress → database. It waits for the healthy targets and for the Multi-AZ step, so "ready" means ready.',
      handsOn:
        'Hands-on §5 (5-1) and §10 (10-1): opening http://<the DNS name of the load balancer>/ in a browser.',
      differs:
        'sitebot finished the WordPress set-up by script (§5), so the site answers as soon as it is reported ready.',
      doc: doc(
        'Troubleshoot your Application Load Balancers',
        'elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
      ),
    }),
  },
};
