/**
 * Options a create run carries in its params besides `multiAz` and `ttlMs`, named once for the
 * starter (../operations/create.ts, loaded by the Slack Lambda) and the steps that read them.
 */

/** Epoch ms of the preflight the caller ran before starting the run; the preflight step then only records it. */
export const PREFLIGHT_PASSED_PARAM = 'preflightPassedAt';

/** `false`: the site step does not ask the site through the ALB (an endpoint without a data plane). */
export const SITE_CHECK_PARAM = 'siteCheck';
