/**
 * How long things take on the virtual clock (virtual ms), from AWS documentation and field
 * reports; every value can be overridden per emulator (`startEmulator({ durations })`).
 */
export interface Durations {
  instancePending: number;
  instanceStopping: number;
  instanceShuttingDown: number;
  /** After an instance is running, how long until it serves the site (OS boot + user data). */
  instanceBoot: number;
  imageCreate: number;
  /** CreateImage without NoReboot: the instance reboots for this long. */
  imageReboot: number;
  dbCreate: number;
  dbCreateMultiAz: number;
  dbModifyMultiAz: number;
  dbRebootFailover: number;
  dbReboot: number;
  dbDelete: number;
  /** StopDBInstance: `stopping` until `stopped` (a Multi-AZ stop is no faster). */
  dbStop: number;
  /** StartDBInstance (or RDS's own start after 7 days): `starting` until `available`. */
  dbStart: number;
  /** How long a DB instance may stay stopped before RDS starts it by itself (AWS: 7 days). */
  dbMaxStopped: number;
  albProvisioning: number;
  /** ALB ENIs stay (and block subnet/SG/VPC deletion) this long after DeleteLoadBalancer. */
  albEniLinger: number;
  healthCheckInterval: number;
  healthCheckTimeout: number;
  /** Counts, not ms: consecutive checks to become healthy / unhealthy. */
  healthyThreshold: number;
  unhealthyThreshold: number;
  /** Terminated instances stay visible to Describe calls this long (AWS: about an hour). */
  terminatedVisible: number;
}

const s = 1000;
const min = 60 * s;

export const defaultDurations: Durations = {
  instancePending: 30 * s,
  instanceStopping: 30 * s,
  instanceShuttingDown: 45 * s,
  instanceBoot: 60 * s,
  imageCreate: 4 * min,
  imageReboot: 1 * min,
  dbCreate: 8 * min,
  dbCreateMultiAz: 12 * min,
  dbModifyMultiAz: 15 * min,
  dbRebootFailover: 90 * s,
  dbReboot: 60 * s,
  dbDelete: 6 * min,
  dbStop: 4 * min,
  dbStart: 7 * min,
  dbMaxStopped: 7 * 24 * 60 * min,
  albProvisioning: 3 * min,
  albEniLinger: 5 * min,
  healthCheckInterval: 30 * s,
  healthCheckTimeout: 5 * s,
  healthyThreshold: 5,
  unhealthyThreshold: 2,
  terminatedVisible: 60 * min,
};

export function resolveDurations(overrides: Partial<Durations> = {}): Durations {
  return { ...defaultDurations, ...overrides };
}
