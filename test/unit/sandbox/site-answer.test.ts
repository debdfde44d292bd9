import { decideSiteAnswer, type SiteState } from '../../../src/sandbox/aws/dataplane/site-answer';

const serving: SiteState = {
  loadBalancerActive: true,
  httpListener: true,
  healthyTarget: true,
  dbStatuses: ['available'],
};

describe('decideSiteAnswer', () => {
  it('resets connections until the load balancer is active with an HTTP listener', () => {
    expect(decideSiteAnswer({ ...serving, loadBalancerActive: false })).toEqual({ kind: 'reset' });
    expect(decideSiteAnswer({ ...serving, httpListener: false })).toEqual({ kind: 'reset' });
  });

  it('serves the page with a healthy target and an available DB', () => {
    expect(decideSiteAnswer(serving)).toEqual(expect.objectContaining({ status: 200, from: 'target' }));
  });

  it('keeps serving during a Multi-AZ conversion (the endpoint stays up)', () => {
    expect(decideSiteAnswer({ ...serving, dbStatuses: ['modifying'] })).toEqual(
      expect.objectContaining({ status: 200 }),
    );
  });

  it('answers 503 from the ALB without a healthy target', () => {
    expect(decideSiteAnswer({ ...serving, healthyTarget: false })).toEqual(
      expect.objectContaining({ status: 503, from: 'alb' }),
    );
  });

  it('answers 504 after a short delay while the DB reboots or fails over', () => {
    const answer = decideSiteAnswer({ ...serving, dbStatuses: ['rebooting'] });
    expect(answer).toEqual(expect.objectContaining({ status: 504, from: 'alb' }));
    expect(answer.kind === 'http' && answer.delayMs > 0 && answer.delayMs <= 50).toBe(true);
  });

  it("answers WordPress's DB connection error (500) when no DB could answer", () => {
    expect(decideSiteAnswer({ ...serving, dbStatuses: [] })).toEqual(
      expect.objectContaining({ status: 500 }),
    );
    expect(decideSiteAnswer({ ...serving, dbStatuses: ['creating'] })).toEqual(
      expect.objectContaining({ status: 500 }),
    );
    expect(decideSiteAnswer({ ...serving, dbStatuses: ['deleting'] })).toEqual(
      expect.objectContaining({ status: 500 }),
    );
  });

  it('serves when one of several DBs in the VPC is available', () => {
    expect(decideSiteAnswer({ ...serving, dbStatuses: ['rebooting', 'available'] })).toEqual(
      expect.objectContaining({ status: 200 }),
    );
  });
});
