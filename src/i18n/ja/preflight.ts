/**
 * 作成前の事前確認 (英語版: ../en/preflight.ts)。クォータ名は Service Quotas コンソールと AWS の
 * 日本語ドキュメントの表記に合わせる (「リージョンあたりの VPC の数」:
 * https://docs.aws.amazon.com/ja_jp/vpc/latest/userguide/amazon-vpc-limits.html 、
 * 「クォータの引き上げをリクエスト」:
 * https://docs.aws.amazon.com/ja_jp/elasticloadbalancing/latest/application/load-balancer-limits.html )。
 */
import type { Formatter } from '../../domain/format';
import type { PreflightTexts } from '../en/preflight';
import { awsState } from './aws-states';
import { lead, spaced } from './spacing';

/** EC2 が返す AZ の状態のうち、aws-states.ts にないもの。 */
const ZONE_STATE: Readonly<Record<string, string>> = {
  impaired: '障害発生中',
  constrained: '制限中',
  information: '通知あり',
};
const zoneState = (s: string) => ZONE_STATE[s] ?? awsState(s);

const both = (azs: readonly string[]) => azs.join(' と ');
const amount = (n: number, unit: string) => (unit ? `${n} ${unit}` : `${n}`);
const increase = (service: string) =>
  `クォータの引き上げをリクエストしてください (Service Quotas、${service})`;

export const preflight = (f: Formatter): PreflightTexts => {
  const listOr = (zones: readonly string[]) => (zones.length > 0 ? f.list(zones) : 'なし');
  return {
    vpcs: (a) => `${a.region} の VPC${a.awsDefault ? ' (AWS のデフォルトのクォータ)' : ''}`,
    loadBalancers: (a) => `${a.region} の Application Load Balancer`,
    targetGroups: (a) => `${a.region} のターゲットグループ`,
    dbInstances: (a) => `${a.region} の RDS DB インスタンス`,
    dbSubnetGroups: (a) => `${a.region} の RDS DB サブネットグループ`,
    dbStorage: (a) => `${a.region} の RDS ストレージ`,
    azs: (a) => `AZ ${both(a.azs)}`,
    db: (a) => `${a.dbClass} の MySQL ${a.version}${a.multiAz ? ' (マルチ AZ)' : ''}`,

    quotaRoom: (a) =>
      `${a.what}: 上限 ${amount(a.max, a.unit)} のうち ${amount(a.used, a.unit)} を使用中、この作成で ${amount(a.need, a.unit)} 増えます`,
    quotaFull: (a) =>
      `${a.what}: 上限 ${amount(a.max, a.unit)} のうち ${amount(a.used, a.unit)} を使用中で、この作成にはあと ${amount(a.need, a.unit)} 必要です`,
    notChecked: (a) => `${a.what}: 未確認 (${a.error})`,
    noAnswer: () => '応答なし',
    notReported: (a) => `${spaced(a.what)}が返されませんでした`,
    vpcQuota: () => 'VPC のクォータ',
    available: (a) => `${a.what}: 利用可能`,
    offeredIn: (a) => `${a.what}: ${both(a.azs)} で提供されています`,
    orderableIn: (a) => `${a.what}: ${both(a.azs)} で作成できます`,

    azInState: (a) => `AZ ${a.az} は${lead(spaced(zoneState(a.state)))}です`,
    azMissing: (a) => `AZ ${a.az} は存在しません`,
    azsUnusable: (a) => `${a.reasons.join('、')} (${a.region} で利用可能な AZ: ${listOr(a.available)})`,
    typeNotOffered: (a) =>
      `${a.type} は ${both(a.missing)} で提供されていません (提供されている AZ: ${listOr(a.offered)})`,
    dbNotOrderable: (a) =>
      `${a.db} は ${both(a.missing)} で作成できません (作成できる AZ: ${listOr(a.orderable)})`,
    dbNotInRegion: (a) => `${a.region} の RDS では ${a.db} を作成できません`,

    fixVpcs: (a) => `使っていない VPC を削除するか、「リージョンあたりの VPC の数」の${increase(a.code)}`,
    fixLoadBalancers: (a) => `使っていないロードバランサーを削除するか、${increase(a.service)}`,
    fixTargetGroups: (a) => `使っていないターゲットグループを削除するか、${increase(a.service)}`,
    fixDbInstances: (a) => `使っていない DB インスタンスを削除するか、${increase(a.service)}`,
    fixDbSubnetGroups: (a) => `使っていない DB サブネットグループを削除するか、${increase(a.service)}`,
    fixDbStorage: (a) => `使っていない DB インスタンスを削除するか、${increase(a.service)}`,
    fixAzs: (a) =>
      `SITEBOT_AZS=${a.azs.join(',')} を設定してください (この作成に必要なものをすべて提供している 2 つの AZ です)`,
    fixRegion: (a) =>
      `別のリージョンを使ってください (SITEBOT_REGION)。${a.region} には、この作成に必要なものをすべて提供する AZ が 2 つありません`,

    problemFix: (a) => `${a.problem}: ${a.fix}`,
    refusal: (a) => a.groups.join('。'),
    sharedFix: (a) => `${a.problems.join('。')}${a.fix ? `: ${a.fix}` : ''}`,
    allPassed: (a) => `${a.n} 件の確認をすべて通過`,
    somePassed: (a) => `${a.n} 件を通過、${a.unchecked.length} 件は未確認: ${a.unchecked.join('。')}`,
  };
};
