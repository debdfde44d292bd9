/** 構成図 (src/diagram) の文言。英語版 (../en/diagram.ts) と同じ形。AWS の状態はコンソールの表記で。 */
import type { Formatter } from '../../domain/format';
import type { DiagramTexts } from '../en/diagram';
import { awsState } from './aws-states';

const TONE = {
  ok: '実行中 / 正常',
  busy: '起動中 / 変更中',
  off: '停止済み',
  bad: '失敗 / 異常',
  absent: '未作成',
} as const;

const VERDICT = {
  pass: '合格',
  fail: '不合格',
  'fault-not-observed': '障害を観測できず',
  incomplete: '未完了',
} as const;

export const diagram = (f: Formatter): DiagramTexts => ({
  state: (s) => (s === 'absent' ? '未作成' : awsState(s)),
  notCreated: () => '未作成',
  notCreatedId: () => '(未作成)',
  tone: (tone) => TONE[tone],
  heading: (a) => `${a.env} — ${a.status}`,
  site: (a) => `サイト ${a.url}`,
  siteNotReady: () => 'サイト: 準備中',
  region: (a) => `リージョン ${a.region}`,
  internet: () => 'インターネット',
  internetTip: () => 'インターネット: 訪問者は ALB を経由してサイトにアクセスします',
  vpc: (a) => `VPC ${a.id}${a.cidr ? ` ${a.cidr}` : ''}`,
  az: (a) => `アベイラビリティーゾーン ${a.az}`,
  subnet: (a) =>
    `${a.tier === 'public' ? 'パブリック' : 'プライベート'}サブネット${a.cidr ? ` ${a.cidr}` : ''}`,
  subnetTip: (a) =>
    `${a.az} の${a.tier === 'public' ? 'パブリック' : 'プライベート'}サブネット ${a.id} ${a.cidr}`,
  igw: () => 'インターネットゲートウェイ',
  igwTip: (a) => `インターネットゲートウェイ ${a.id}: ${a.state}`,
  attached: () => 'VPC にアタッチ済み',
  alb: (a) => `Application Load Balancer ${a.name} · ${a.state}`,
  albTip: (a) => `${a.name} (両方のパブリックサブネットにまたがる): ${a.state}${a.dns ? `、${a.dns}` : ''}`,
  targetGroup: (a) => `ターゲットグループ ${a.name}: ${a.registered} 台中 ${a.healthy} 台が正常`,
  targetGroupAbsent: (a) => `ターゲットグループ ${a.name}: 未作成`,
  ec2: () => 'EC2 インスタンス',
  target: (a) => `ターゲット: ${awsState(a.health)}`,
  notRegistered: () => 'ターゲット: 未登録',
  webTip: (a) =>
    `${a.az} の ${a.role} (EC2 インスタンス${a.id ? ` ${a.id}` : ''}): ${a.state}${a.health ? `、${a.health}` : ''}`,
  dbStandby: () => 'DB スタンバイ',
  syncReplica: () => '同期レプリカ',
  standbyTip: (a) => `${a.az} にある ${a.id} のスタンバイ (マルチ AZ): フェイルオーバー時に引き継ぎます`,
  dbPrimary: () => 'DB プライマリ (MySQL)',
  multiAz: (a) => (a.on ? 'マルチ AZ' : 'シングル AZ'),
  primaryTip: (a) =>
    `${a.az} にある ${a.id} のプライマリ: ${a.state}${a.endpoint ? `、エンドポイント ${a.endpoint}` : ''}`,
  rds: () => 'RDS DB インスタンス',
  dbAbsentTip: () => 'データベースはまだ作成されていません',
  replication: () => '同期レプリケーション',
  describe: {
    env: (a) => `${a.env} (${a.status})、${a.region}: ${a.az1} と ${a.az2} にまたがる VPC`,
    web: (a) => `${a.az} の ${a.role} は ${a.state}${a.health ? ` (${a.health})` : ''}`,
    noWeb: () => 'ウェブサーバーはまだありません',
    lb: (a) => `ロードバランサーは ${a.state}`,
    noDb: () => 'データベースはまだありません',
    db: (a) =>
      `データベースは ${a.state}、プライマリは ${a.primary}${a.standby ? `、スタンバイは ${a.standby}` : ''}`,
    join: (parts) => parts.join('。'),
    list: (parts) => parts.join('、'),
  },
  drill: {
    title: (a) => `${a.env} のフェイルオーバー訓練`,
    heading: (a) => `${a.env} のフェイルオーバー訓練 (${a.target})${a.running ? ' — 実行中' : ''}`,
    legend: () =>
      '各バー: プローブが ALB 経由で見た結果 (緑は応答あり、赤は失敗)。時刻はサンドボックスの時計',
    noProbe: () => 'プローブはまだ実行されていません',
    web: () => 'ウェブ層',
    db: () => 'データベース',
    probes: (a) => `プローブ ${a.requests} 回、失敗 ${a.failures} 回`,
    verdict: (v) => VERDICT[v],
    underWay: () => '実行中',
    outage: (a) => `停止 ${f.duration(a.ms)}${a.open ? ' (未復旧)' : ''}`,
    outageLabel: (a) => `停止 ${f.duration(a.ms)}`,
    span: (a) => `${a.count} 回${a.ok ? '応答' : '失敗'} (${a.result})、+${f.duration(a.fromMs)} から`,
    webFault: () => 'インスタンスを停止',
    dbFault: () => 'フェイルオーバーを伴う再起動',
    recovered: () => '復旧',
    azSwap: (a) => `プライマリの AZ ${a.before} → ${a.after}${a.unchanged ? ' (変わらず)' : ''}`,
    seconds: (a) => `${a.s} 秒`,
  },
});
