/**
 * The create's preflight in words (src/workflows/create/preflight.ts judges, and says each check
 * by these keys): what was checked with its numbers, what is wrong and what to do, the one line
 * a refusal is, and the step's summary. Numbers, AZs, quota codes and AWS's own errors are
 * arguments; the quota names are those of the Service Quotas console.
 */
import type { Formatter } from '../../domain/format';

const both = (azs: readonly string[]) => azs.join(' and ');

export const preflight = (f: Formatter) => {
  const listOr = (zones: readonly string[]) => (zones.length > 0 ? f.list(zones) : 'none');
  const orIncrease = (service: string) => `or request a higher quota (Service Quotas, ${service})`;
  return {
    // -- what is checked
    vpcs: (a: { region: string; awsDefault: boolean }) =>
      `VPCs in ${a.region}${a.awsDefault ? ' (AWS default quota)' : ''}`,
    loadBalancers: (a: { region: string }) => `Application Load Balancers in ${a.region}`,
    targetGroups: (a: { region: string }) => `target groups in ${a.region}`,
    dbInstances: (a: { region: string }) => `RDS DB instances in ${a.region}`,
    dbSubnetGroups: (a: { region: string }) => `RDS DB subnet groups in ${a.region}`,
    dbStorage: (a: { region: string }) => `RDS storage in ${a.region}`,
    azs: (a: { azs: string[] }) => `AZs ${both(a.azs)}`,
    /** The DB the create orders: `MySQL 8.4 on db.t4g.micro (Multi-AZ)`. */
    db: (a: { version: string; dbClass: string; multiAz: boolean }) =>
      `MySQL ${a.version} on ${a.dbClass}${a.multiAz ? ' (Multi-AZ)' : ''}`,

    // -- how it went
    /** `unit`: `GiB`, or '' for a count. */
    quotaRoom: (a: { what: string; used: number; max: number; need: number; unit: string }) =>
      `${a.what}: ${a.used} of ${a.max}${gib(a.unit)} in use; this create adds ${a.need}${gib(a.unit)}`,
    quotaFull: (a: { what: string; used: number; max: number; need: number; unit: string }) =>
      `${a.what}: ${a.used} of ${a.max}${gib(a.unit)} in use and this create needs ${a.need}${gib(a.unit)} more`,
    /** `error`: why it could not be read (AWS's own message, or one of the keys below). */
    notChecked: (a: { what: string; error: string }) => `${a.what}: not checked (${a.error})`,
    noAnswer: () => 'no answer',
    /** An answer without the value (`what`: the quota's or limit's code). */
    notReported: (a: { what: string }) => `${a.what} not reported`,
    vpcQuota: () => 'VPC quota',
    available: (a: { what: string }) => `${a.what}: available`,
    offeredIn: (a: { what: string; azs: string[] }) => `${a.what}: offered in ${both(a.azs)}`,
    orderableIn: (a: { what: string; azs: string[] }) => `${a.what}: orderable in ${both(a.azs)}`,

    // -- what is wrong
    /** `state`: EC2's zone state (`impaired`, `unavailable`, …). */
    azInState: (a: { az: string; state: string }) => `AZ ${a.az} is ${a.state}`,
    azMissing: (a: { az: string }) => `AZ ${a.az} does not exist`,
    azsUnusable: (a: { reasons: string[]; region: string; available: string[] }) =>
      `${a.reasons.join(', ')} (${a.region} has ${listOr(a.available)} available)`,
    typeNotOffered: (a: { type: string; missing: string[]; offered: string[] }) =>
      `${a.type} is not offered in ${both(a.missing)} (offered in ${listOr(a.offered)})`,
    dbNotOrderable: (a: { db: string; missing: string[]; orderable: string[] }) =>
      `${a.db} is not orderable in ${both(a.missing)} (orderable in ${listOr(a.orderable)})`,
    dbNotInRegion: (a: { db: string; region: string }) => `RDS offers no ${a.db} in ${a.region}`,

    // -- what to do
    /** `code`: the quota's code in Service Quotas (`vpc L-F678F1CE`). */
    fixVpcs: (a: { code: string }) =>
      `delete a VPC you no longer use, or request a higher "VPCs per Region" quota (Service Quotas, ${a.code})`,
    /** `service`: the service's name in Service Quotas. */
    fixLoadBalancers: (a: { service: string }) => `delete one you no longer use, ${orIncrease(a.service)}`,
    fixTargetGroups: (a: { service: string }) => `delete one you no longer use, ${orIncrease(a.service)}`,
    fixDbInstances: (a: { service: string }) =>
      `delete a DB instance you no longer use, ${orIncrease(a.service)}`,
    fixDbSubnetGroups: (a: { service: string }) =>
      `delete a DB subnet group you no longer use, ${orIncrease(a.service)}`,
    fixDbStorage: (a: { service: string }) =>
      `delete DB instances you no longer use, ${orIncrease(a.service)}`,
    fixAzs: (a: { azs: string[] }) =>
      `set SITEBOT_AZS=${a.azs.join(',')} (two AZs that offer everything this create needs)`,
    fixRegion: (a: { region: string }) =>
      `use another region (SITEBOT_REGION), as no two AZs of ${a.region} offer all this create needs`,

    // -- the refusal and the step's note
    /** One refused check: what is wrong, and what to do. */
    problemFix: (a: { problem: string; fix: string }) => `${a.problem}: ${a.fix}`,
    /** Problems that share a fix, named before it once; the groups in one line. */
    refusal: (a: { groups: string[] }) => a.groups.join('; '),
    sharedFix: (a: { problems: string[]; fix: string }) =>
      `${a.problems.join('; ')}${a.fix ? `: ${a.fix}` : ''}`,
    allPassed: (a: { n: number }) => `${a.n} checks passed`,
    somePassed: (a: { n: number; unchecked: string[] }) =>
      `${a.n} passed, ${a.unchecked.length} not checked: ${a.unchecked.join('; ')}`,
  };
};

const gib = (unit: string) => (unit ? ` ${unit}` : '');

export type PreflightTexts = ReturnType<typeof preflight>;
