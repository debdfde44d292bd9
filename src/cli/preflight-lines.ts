/** The preflight's checks as plain lines, for `sitebot create --dry-run` and `sitebot init`. */
import type { Texts } from '../i18n/texts';
import type { PreflightReport } from '../workflows/create/preflight';

/** One line per check in the reader's language: `ok          VPCs in …: 0 of 5 in use; …`. */
export function preflightLines(t: Texts, report: PreflightReport): string[] {
  return report.checks.map((c) => `${t.cli.checkMark({ status: c.status })} ${t.said(c.text)}`);
}
