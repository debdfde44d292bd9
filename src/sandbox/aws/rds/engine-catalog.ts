/**
 * The MySQL engine versions and instance classes the emulator accepts. A subset of what RDS
 * offers (versions under standard support, the common burstable and general-purpose classes):
 * anything else is rejected the way RDS rejects an unsupported combination.
 */
import { rdsErrors } from './errors';

const MYSQL_VERSIONS = ['8.0.40', '8.0.41', '8.0.42', '8.0.43', '8.4.4', '8.4.5', '8.4.6', '8.4.7'];
/** What RDS picks when only a major version (or nothing) is given. */
const DEFAULT_FOR_MAJOR: Record<string, string> = { '8.0': '8.0.43', '8.4': '8.4.7' };
const DEFAULT_MAJOR = '8.4';

const INSTANCE_CLASSES = new Set([
  'db.t3.micro',
  'db.t3.small',
  'db.t3.medium',
  'db.t3.large',
  'db.t4g.micro',
  'db.t4g.small',
  'db.t4g.medium',
  'db.t4g.large',
  'db.m5.large',
  'db.m6g.large',
  'db.m6i.large',
  'db.m7g.large',
  'db.r5.large',
  'db.r6g.large',
  'db.r7g.large',
]);

/** Resolves the requested engine version to a full one, or throws InvalidParameterCombination. */
export function resolveMysqlVersion(requested: string | undefined): string {
  const wanted = requested ?? DEFAULT_MAJOR;
  const full = DEFAULT_FOR_MAJOR[wanted] ?? (MYSQL_VERSIONS.includes(wanted) ? wanted : undefined);
  if (!full) throw rdsErrors.invalidParameterCombination(`Cannot find version ${wanted} for mysql`);
  return full;
}

export function checkEngine(engine: string | undefined): 'mysql' {
  if (engine === undefined || engine === '') throw rdsErrors.missingParameter('Engine');
  if (engine !== 'mysql') throw rdsErrors.invalidParameterValue(`Invalid DB engine: ${engine}`);
  return engine;
}

/** RDS's refusal of a class/version combination it does not offer (where it was asked for). */
export function unsupportedCombination(instanceClass: string, engineVersion: string, az?: string) {
  return rdsErrors.invalidParameterCombination(
    `RDS does not support creating a DB instance with the following combination: DBInstanceClass=${instanceClass}, Engine=mysql, EngineVersion=${engineVersion}, LicenseModel=general-public-license${az ? `, AvailabilityZone=${az}` : ''}. For supported combinations of instance class and database engine version, see the documentation.`,
  );
}

export function checkInstanceClass(instanceClass: string | undefined, engineVersion: string): string {
  if (!instanceClass) throw rdsErrors.missingParameter('DBInstanceClass');
  if (!INSTANCE_CLASSES.has(instanceClass)) throw unsupportedCombination(instanceClass, engineVersion);
  return instanceClass;
}

/** Every version × class the emulator knows, newest version first. */
export function mysqlCatalog(): { engineVersion: string; instanceClass: string }[] {
  return [...MYSQL_VERSIONS]
    .reverse()
    .flatMap((engineVersion) =>
      [...INSTANCE_CLASSES].map((instanceClass) => ({ engineVersion, instanceClass })),
    );
}

/** `default.mysql8.0` / `default:mysql-8-0` style names for the default parameter and option groups. */
export function majorOf(version: string): string {
  return version.split('.').slice(0, 2).join('.');
}
