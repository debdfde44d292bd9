import { envFilters, hasEnvTags, sitebotTags, tagRecord, tagSpecifications } from '../../../src/aws/tags';

test('every resource carries env, role, run and managed=true (and a Name when given)', () => {
  expect(tagRecord(sitebotTags({ env: 'demo', runId: 'r1' }, 'vpc', 'demo-vpc'))).toEqual({
    'sitebot:env': 'demo',
    'sitebot:role': 'vpc',
    'sitebot:run': 'r1',
    'sitebot:managed': 'true',
    Name: 'demo-vpc',
  });
  expect(sitebotTags({ env: 'demo', runId: 'r1' }, 'db').some((t) => t.Key === 'Name')).toBe(false);
});

test('TagSpecifications tag the resource at creation', () => {
  const tags = sitebotTags({ env: 'demo', runId: 'r1' }, 'vpc');
  expect(tagSpecifications('vpc', tags)).toEqual([{ ResourceType: 'vpc', Tags: tags }]);
});

test('filters select the env (and role) among managed resources', () => {
  expect(envFilters('demo')).toEqual([
    { Name: 'tag:sitebot:env', Values: ['demo'] },
    { Name: 'tag:sitebot:managed', Values: ['true'] },
  ]);
  expect(envFilters('demo', 'web-1')).toContainEqual({ Name: 'tag:sitebot:role', Values: ['web-1'] });
});

test('hasEnvTags matches env, managed and role', () => {
  const tags = sitebotTags({ env: 'demo', runId: 'r1' }, 'web-1');
  expect(hasEnvTags(tags, 'demo')).toBe(true);
  expect(hasEnvTags(tags, 'demo', 'web-1')).toBe(true);
  expect(hasEnvTags(tags, 'demo', 'web-2')).toBe(false);
  expect(hasEnvTags(tags, 'other')).toBe(false);
  expect(hasEnvTags([{ Key: 'sitebot:env', Value: 'demo' }], 'demo')).toBe(false);
});
