/** The shared protocol plumbing and clock, without HTTP. */
import { VirtualClock } from '../../../src/sandbox/aws/clock';
import { AwsError, serializeError } from '../../../src/sandbox/aws/protocol/errors';
import { toJsonBody } from '../../../src/sandbox/aws/protocol/json';
import { parseQuery, qFilters, qList, qStructList, qTags } from '../../../src/sandbox/aws/protocol/query';
import { credentialScope } from '../../../src/sandbox/aws/protocol/sigv4';
import { ec2Envelope, queryEnvelope, toXml, xmlList } from '../../../src/sandbox/aws/protocol/xml';

describe('query parameters', () => {
  it('reads lists in the EC2, Query and per-member-name forms, in index order', () => {
    const p = parseQuery(
      'InstanceId.2=i-b&InstanceId.1=i-a&Subnets.member.1=s-1&VpcSecurityGroupIds.VpcSecurityGroupId.10=sg-10' +
        '&VpcSecurityGroupIds.VpcSecurityGroupId.2=sg-2',
    );
    expect(qList(p, 'InstanceId')).toEqual(['i-a', 'i-b']);
    expect(qList(p, 'Subnets')).toEqual(['s-1']);
    expect(qList(p, 'VpcSecurityGroupIds')).toEqual(['sg-2', 'sg-10']);
    expect(qList(p, 'Missing')).toEqual([]);
  });

  it('reads structure lists with their prefixes stripped', () => {
    const p = parseQuery(
      'Tags.member.1.Key=a&Tags.member.1.Value=1&Tags.member.2.Key=b&' +
        'TagSpecification.1.ResourceType=instance&TagSpecification.1.Tag.1.Key=Name&TagSpecification.1.Tag.1.Value=web',
    );
    expect(qTags(p, 'Tags')).toEqual({ a: '1', b: '' });
    const specs = qStructList(p, 'TagSpecification');
    expect(specs).toEqual([{ ResourceType: 'instance', 'Tag.1.Key': 'Name', 'Tag.1.Value': 'web' }]);
    expect(qTags(specs[0], 'Tag')).toEqual({ Name: 'web' });
  });

  it('reads EC2 and RDS filters', () => {
    const ec2 = parseQuery('Filter.1.Name=tag%3Asitebot%3Aenv&Filter.1.Value.1=demo&Filter.1.Value.2=prod');
    expect(qFilters(ec2)).toEqual([{ name: 'tag:sitebot:env', values: ['demo', 'prod'] }]);
    const rds = parseQuery('Filters.Filter.1.Name=db-instance-id&Filters.Filter.1.Values.Value.1=site-db');
    expect(qFilters(rds)).toEqual([{ name: 'db-instance-id', values: ['site-db'] }]);
  });
});

describe('serialization', () => {
  it('writes XML with lists, escaping, dates and booleans, skipping undefined', () => {
    const xml = toXml({
      name: 'a<b>&"c"',
      flag: false,
      at: new Date('2026-11-27T00:00:00.000Z'),
      skip: undefined,
      items: xmlList('item', [{ id: 1 }, { id: 2 }]),
    });
    expect(xml).toBe(
      '<name>a&lt;b&gt;&amp;&quot;c&quot;</name><flag>false</flag><at>2026-11-27T00:00:00.000Z</at>' +
        '<items><item><id>1</id></item><item><id>2</id></item></items>',
    );
    expect(() => toXml({ bad: [1, 2] })).toThrow(/xmlList/);
  });

  it('wraps EC2 and Query responses', () => {
    expect(ec2Envelope('CreateVpc', { vpc: { vpcId: 'vpc-1' } }, 'req-1')).toContain(
      '<CreateVpcResponse xmlns="http://ec2.amazonaws.com/doc/2016-11-15/"><requestId>req-1</requestId><vpc><vpcId>vpc-1</vpcId></vpc></CreateVpcResponse>',
    );
    expect(queryEnvelope('DescribeX', { A: 1 }, 'req-2', 'urn:x')).toBe(
      '<DescribeXResponse xmlns="urn:x"><DescribeXResult><A>1</A></DescribeXResult>' +
        '<ResponseMetadata><RequestId>req-2</RequestId></ResponseMetadata></DescribeXResponse>',
    );
  });

  it('writes JSON timestamps as epoch seconds', () => {
    expect(JSON.parse(toJsonBody({ At: new Date(1500), N: { B: true } }))).toEqual({
      At: 1.5,
      N: { B: true },
    });
  });

  it('writes each protocol’s error envelope', () => {
    const err = new AwsError('DBInstanceNotFound', 'DBInstance x not found.', 404);
    const query = serializeError('query', err, 'r1', 'http://rds.amazonaws.com/doc/2014-10-31/');
    expect(query.status).toBe(404);
    expect(query.body).toBe(
      '<ErrorResponse xmlns="http://rds.amazonaws.com/doc/2014-10-31/"><Error><Type>Sender</Type>' +
        '<Code>DBInstanceNotFound</Code><Message>DBInstance x not found.</Message></Error><RequestId>r1</RequestId></ErrorResponse>',
    );
    const ec2 = serializeError('ec2', new AwsError('InternalError', 'boom', 500), 'r2');
    expect(ec2.body).toContain(
      '<Response><Errors><Error><Code>InternalError</Code><Message>boom</Message></Error></Errors><RequestID>r2</RequestID></Response>',
    );
    const json = serializeError('json', new AwsError('ParameterNotFound', 'nope'), 'r3');
    expect(json.headers['x-amzn-errortype']).toBe('ParameterNotFound');
    expect(JSON.parse(json.body)).toEqual({ __type: 'ParameterNotFound', message: 'nope' });
  });

  it('reads the service from a SigV4 credential scope', () => {
    const auth =
      'AWS4-HMAC-SHA256 Credential=AKID/20261127/ap-northeast-1/elasticloadbalancing/aws4_request, SignedHeaders=host, Signature=abc';
    expect(credentialScope(auth)).toEqual({
      accessKeyId: 'AKID',
      date: '20261127',
      region: 'ap-northeast-1',
      service: 'elasticloadbalancing',
    });
    expect(credentialScope('Bearer x')).toBeUndefined();
  });
});

describe('VirtualClock', () => {
  it('runs speed× real time plus explicit advances, keeping elapsed time across speed changes', () => {
    let real = 1_000;
    const clock = new VirtualClock({ speed: 60, start: 0, realNow: () => real });
    real += 1_000;
    expect(clock.now()).toBe(60_000);
    clock.advance(5_000);
    expect(clock.now()).toBe(65_000);
    clock.setSpeed(0);
    real += 10_000;
    expect(clock.now()).toBe(65_000);
    clock.speed = 2;
    real += 500;
    expect(clock.now()).toBe(66_000);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.setSpeed(Number.NaN)).toThrow(RangeError);
  });
});
