import { matcherAccepts } from '../../../src/sandbox/aws/elbv2/model';
import { evaluateTargetHealth, type HealthInputs } from '../../../src/sandbox/aws/elbv2/target-health';

const s = 1000;
const base: HealthInputs = {
  now: 0,
  registeredAt: 0,
  inUseSince: 0,
  instance: { state: 'running', runningSince: -600 * s },
  reachable: true,
  intervalMs: 30 * s,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  bootMs: 60 * s,
};
const at = (now: number, over: Partial<HealthInputs> = {}) => evaluateTargetHealth({ ...base, ...over, now });

describe('evaluateTargetHealth', () => {
  it('is initial (registration in progress) before the first check', () => {
    expect(at(29 * s)).toEqual(
      expect.objectContaining({ state: 'initial', reason: 'Elb.RegistrationInProgress' }),
    );
  });

  it('needs one passing check for a new target of a booted instance', () => {
    expect(at(30 * s)).toEqual({ state: 'healthy' });
  });

  it('fails checks while the instance boots, goes unhealthy after the threshold, then needs healthyThreshold passes', () => {
    const fresh = { instance: { state: 'running', runningSince: 0 }, bootMs: 100 * s };
    // checks at 30, 60, 90 fail (< 100 s of uptime); 120 s is the first pass
    expect(at(30 * s, fresh).state).toBe('initial');
    expect(at(60 * s, fresh)).toEqual(
      expect.objectContaining({ state: 'unhealthy', reason: 'Target.FailedHealthChecks' }),
    );
    expect(at(120 * s, fresh).state).toBe('unhealthy');
    expect(at(210 * s, fresh).state).toBe('unhealthy'); // 4 passes
    expect(at(240 * s, fresh).state).toBe('healthy'); // 5 passes
  });

  it('becomes healthy on the first pass when fewer failures than the unhealthy threshold happened', () => {
    const fresh = { instance: { state: 'running', runningSince: 0 }, bootMs: 60 * s };
    expect(at(30 * s, fresh).state).toBe('initial');
    expect(at(60 * s, fresh).state).toBe('healthy');
  });

  it('reports a stopped instance as unused / Target.InvalidState', () => {
    expect(at(300 * s, { instance: { state: 'stopped' } })).toEqual(
      expect.objectContaining({ state: 'unused', reason: 'Target.InvalidState' }),
    );
  });

  it('reports a group no load balancer uses as unused / Target.NotInUse', () => {
    expect(at(300 * s, { inUseSince: undefined })).toEqual(
      expect.objectContaining({ state: 'unused', reason: 'Target.NotInUse' }),
    );
  });

  it('waits for the load balancer to become active', () => {
    expect(at(100 * s, { inUseSince: 180 * s }).reason).toBe('Elb.RegistrationInProgress');
    expect(at(210 * s, { inUseSince: 180 * s }).state).toBe('healthy');
  });

  it('drains a deregistered target', () => {
    expect(at(100 * s, { drainUntil: 400 * s })).toEqual(
      expect.objectContaining({ state: 'draining', reason: 'Target.DeregistrationInProgress' }),
    );
  });

  it('times out when the load balancer cannot reach the instance', () => {
    expect(at(60 * s, { reachable: false })).toEqual(
      expect.objectContaining({ state: 'unhealthy', reason: 'Target.Timeout' }),
    );
  });

  it('starts over after the instance is started again', () => {
    const restarted = { instance: { state: 'running', runningSince: 1000 * s } };
    expect(at(1020 * s, restarted).reason).toBe('Elb.RegistrationInProgress');
    expect(at(1030 * s, restarted).reason).toBe('Elb.InitialHealthChecking'); // 30 s of uptime < boot
    expect(at(1060 * s, restarted).state).toBe('healthy');
  });

  it('fails on the response code when the matcher does not accept 200', () => {
    expect(at(60 * s, { codeMatches: false })).toEqual(
      expect.objectContaining({ state: 'unhealthy', reason: 'Target.ResponseCodeMismatch' }),
    );
  });
});

describe('matcherAccepts', () => {
  it.each([
    ['200', 200, true],
    ['200-299', 204, true],
    ['301,302', 200, false],
    ['200,302', 302, true],
  ])('%s accepts %d: %s', (matcher, code, expected) => {
    expect(matcherAccepts(matcher, code)).toBe(expected);
  });
});
