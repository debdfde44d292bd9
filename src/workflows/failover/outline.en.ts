/**
 * The drill's steps in English: titles and explanations, beside ./outline.ts. Japanese:
 * ./outline.ja.ts. The hands-on's §10 did the same by hand; the facts are AWS's documentation.
 */
import { formatDuration } from '../../domain/format';
import { awsDoc, type ExplainedStepTexts } from '../../i18n/explain';
import type { FailoverFacts } from './explain-facts';
import type { FailoverStepId } from './outline';

const doc = (title: string, path: string) => ({ title, url: awsDoc(path, 'en') });
const HEALTH_CHECKS = 'elasticloadbalancing/latest/application/target-group-health-checks.html';

export const FAILOVER_STEPS_EN: ExplainedStepTexts<FailoverStepId, FailoverFacts> = {
  preflight: {
    title: 'Check the environment can be drilled',
    explain: (f) => ({
      what: `Ask AWS how ${f.env} is now: for the web drill, both web servers running and both targets healthy; for the DB drill, the database available${f.force ? '' : ' and Multi-AZ'}.`,
      why: 'Stopping one of two healthy servers must leave one serving, and a failover needs a standby to fail over to. Without them the drill would only take the site down.',
      handsOn: 'Hands-on §10 (10-1): the site was opened first with 2 of 2 servers running.',
      doc: doc('Health checks for Application Load Balancer target groups', HEALTH_CHECKS),
    }),
  },
  'web-drill': {
    title: 'Web drill: stop one web server, probe, start it again',
    explain: (f) => ({
      what: `Stop ${f.web ? `${f.web.role} (${f.web.instanceId})` : 'one web server'}, ask for the site through the load balancer every ${formatDuration(f.intervalMs)}, then start it again and wait until its target is healthy.`,
      why: `With two targets the load balancer stops sending requests to the one that fails its health checks, and the other answers them all: the objective is ${f.webMaxFailedRequests} failed requests.`,
      handsOn:
        'Hands-on §10 (10-2 to 10-4): stop one instance in the console, reload the page (still there), start it again.',
      differs:
        'sitebot measures instead of reloading by hand: every request through the load balancer is counted, so "no outage" is a number.',
      doc: doc('Health checks for Application Load Balancer target groups', HEALTH_CHECKS),
    }),
  },
  'db-drill': {
    title: 'DB drill: reboot with failover, probe until the site answers',
    explain: (f) => ({
      what:
        f.multiAz === false
          ? `Reboot ${f.dbId ?? 'the database'} (single-AZ, so without failover) and probe the site until it answers again.`
          : `Reboot ${f.dbId ?? 'the database'} with failover: RDS promotes the standby in the other AZ${f.azBefore ? ` (the primary is in ${f.azBefore} now)` : ''} and moves the endpoint's DNS name to it. The site is probed until it answers again.`,
      why: `A failover is not instant. While the endpoint's name moves to the new primary, the web servers' database connections hang and time out, and the load balancer answers 504 Gateway Timeout. The objective is an outage of at most ${formatDuration(f.dbMaxOutageMs)}.`,
      handsOn:
        'Hands-on §10 (10-5 to 10-9): "Reboot with failover?", then reloading the page: 504 Gateway Time-out for a few seconds.',
      differs:
        'The hands-on saw the 504 by chance; sitebot records every failed request and reports the longest outage.',
      doc: doc('Rebooting a DB instance', 'AmazonRDS/latest/UserGuide/USER_RebootInstance.html'),
    }),
  },
};
