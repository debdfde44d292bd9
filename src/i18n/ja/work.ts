/** ワークフローが自分について言うこと (英語版: ../en/work.ts)。AWS の状態はコンソールの表記で示す。 */
import type { Formatter } from '../../domain/format';
import type { InventoryTexts } from '../en/inventory';
import type { WorkTexts } from '../en/work';
import { awsState as st } from './aws-states';
import { lead, spaced } from './spacing';
import { envStatusWord, kindWord } from './common';

const THING: Record<string, string> = {
  db: 'DB',
  image: 'AMI',
  instance: 'インスタンス',
  'load balancer': 'ロードバランサー',
  targets: 'ターゲット',
  'internet gateway': 'インターネットゲートウェイ',
  'route table': 'ルートテーブル',
  'instance profile': 'インスタンスプロファイル',
};
const thing = (what: string) => THING[what] ?? what;
const phaseWord = (p: string) => (p === 'web' ? 'ウェブ層' : p === 'db' ? 'DB 層' : p);
const targetWord = (t: string) =>
  t === 'web' ? 'ウェブ層のみ' : t === 'db' ? 'DB 層のみ' : t === 'all' ? '全体' : t;
const states = (list: string[]) => list.map(st).join(' → ');
/** 「A と B」: 英数字で始まる語の前後には半角スペース (spacing.ts)。 */
const joinAnd = (items: string[]) => items.map((w, i) => (i === 0 ? spaced(w) : `と${lead(w)}`)).join('');
const powerWhat = (w: string) =>
  ({ 'web server': 'ウェブサーバー', 'DB instance': 'DB インスタンス' })[w] ?? w;

export const work = (f: Formatter, inventory: InventoryTexts): WorkTexts => ({
  waiting: (a) => `${thing(a.what)}: ${st(a.state)}`,
  notVisible: (a) => `${thing(a.what)}がまだ見えません`,
  createdNotVisible: (a) => `${thing(a.what)}: 作成済み、まだ見えません`,
  isInState: (a) => `${thing(a.what)}は${st(a.state)}です`,
  isInStateBecause: (a) => `${thing(a.what)}は${st(a.state)}です: ${a.reason}`,
  beingDeleted: (a) => `${thing(a.what)}は削除中です`,
  targetStates: (a) => a.states.join('、'),
  targetState: (a) => `${a.id}=${st(a.state)}`,
  allHealthy: (a) => `すべて正常: ${a.states}`,
  multiAzPending: () => 'マルチ AZ: 変更を保留中',
  multiAzNotYet: () => 'マルチ AZ: まだ有効になっていません',
  multiAzRequested: () => 'DB: マルチ AZ への変更を依頼済み',
  modifyPending: (a) => `DB: ${st(a.status)}、変更を保留中`,
  multiAzOff: () => '--multi-az off のため、データベースはシングル AZ のままです',
  profileNotVisible: () => 'インスタンスプロファイルがまだ EC2 から見えません',
  siteAnswers: (a) => `サイトの応答: ${a.status}`,
  gaveUpAfter: (a) => `${f.duration(a.ms)} 待っても終わらないため中止しました`,
  awaitingAws: (a) => `${a.code}。AWS 側で新しいリソースが見えるようになるのを待っています`,
  awsError: (a) => `${a.code}: ${a.message}`,
  awsErrorWhile: (a) => `${a.doing}: ${a.code}: ${a.message}`,
  checking: (a) => `${a.id} の確認`,
  stopping: (a) => `${a.id} の停止`,
  starting: (a) => `${a.id} の起動`,
  roleElsewhere: (a) =>
    `IAM ロール ${a.name} はすでに ${a.hasPath} に${a.hasBoundary ? `アクセス許可の境界 ${a.hasBoundary} 付きで` : 'アクセス許可の境界なしで'}存在しますが、` +
    `sitebot には ${a.wantPath} に${a.wantBoundary ? `アクセス許可の境界 ${a.wantBoundary} 付きで` : 'アクセス許可の境界なしで'}必要です。` +
    '別の人か古い sitebot が作成したものです。このロール (とインスタンスプロファイル) を削除してから、もう一度作成してください。',
  profileElsewhere: (a) =>
    `IAM インスタンスプロファイル ${a.name} はすでに ${a.hasPath} に存在しますが、sitebot には ${a.wantPath} に必要です。削除してから、もう一度作成してください。`,

  subnetsMade: (a) =>
    `${inventory.count({ type: 'subnet', n: a.n })}: 2 つの AZ にパブリック 2、プライベート 2`,
  igwAttached: (a) => `${a.id} をアタッチ済み`,
  routesMade: (a) => `${a.id}: 0.0.0.0/0 → インターネットゲートウェイ`,
  groupsMade: (a) => `${inventory.count({ type: 'security-group', n: a.n })}: elb、web、db`,
  secretMade: (a) => `シークレット ${a.name}`,
  roleMade: (a) => `ロールとインスタンスプロファイル ${a.name}`,
  available: (a) => `${a.id} は利用可能`,
  primaryIn: (a) => `プライマリは ${a.az}`,
  standbyIn: (a) => `スタンバイは ${a.az}`,
  multiAz: () => 'マルチ AZ',
  running: (a) => `${a.id} は実行中`,
  inAz: (a) => `${a.az} 内`,
  amiMade: (a) => `${a.id} は利用可能 (${inventory.count({ type: 'snapshot', n: a.snapshots })})`,
  lbActive: (a) => `アクティブ: ${a.dns}`,
  listenerMade: () => 'HTTP:80 → ターゲットグループ',
  targetsRegistered: (a) => `ターゲット ${a.n} 台を登録済み`,
  targetsHealthy: (a) => `ターゲット ${a.n} 台中 ${a.n} 台が正常`,
  siteUp: (a) => `${a.url} が応答`,
  preflightBeforeStart: () => '実行開始前にクォータと提供状況を確認済み',
  checksPassed: (a) => `${a.n} 件の確認に合格`,
  notChecked: (a) => `未確認: ${a.items.join('、')}`,
  earlierAttempt: (a) =>
    `${thing(a.what)}: 前回の試行で作成済みの可能性があるため、あと ${f.duration(a.leftMs)} 探してから作り直します`,
  madeEarlier: (a) => `${a.code}: 前回の試行で作成済み。AWS の一覧に出るのを待っています`,
  preflightRefused: (a) => `何も作る前に拒否しました: ${a.refusal}`,
  notCreated: (a) => `${a.env} は作成していません: ${a.refusal}`,
  parts: (a) => a.items.join('、'),

  planVpc: (a) => `${a.cidr}、DNS 解決は有効`,
  planSubnet: (a) => `${a.az} の ${a.cidr}${a.isPublic ? '、起動時にパブリック IPv4 を割り当て' : ''}`,
  planIgw: () => 'VPC にアタッチ',
  planRoutes: () => '0.0.0.0/0 → インターネットゲートウェイ。2 つのパブリックサブネットに関連付け',
  planElbSg: () => '0.0.0.0/0 からの HTTP 80',
  planWebSg: (a) => `${a.from} からの HTTP 80 のみ`,
  planDbSg: (a) => `${a.from} からの MySQL 3306 のみ`,
  planSecret: () => '生成した DB マスターパスワードと WordPress 管理者パスワード',
  planRole: () => '認証情報の GetSecretValue と DB の DescribeDBInstances',
  planDbSubnets: () => '2 つのプライベートサブネット',
  planDb: (a) =>
    `MySQL ${a.version}、${a.dbClass}、${a.multiAz ? 'マルチ AZ' : `${a.az} にシングル AZ`}、パブリックアクセスなし、自動バックアップなし`,
  planStandby: () => 'マルチ AZ に変更し、すぐに適用',
  planWeb1: (a) =>
    `${a.type}、Amazon Linux 2023、${a.az} のパブリックサブネット、IMDSv2 必須、WordPress はユーザーデータで導入`,
  planAmi: () => 'ウェブサーバー #1 から再起動ありで作成',
  planSnapshot: () => 'AMI のルートボリューム',
  planWeb2: (a) => `${a.ami} から ${a.type}、${a.az} のパブリックサブネット`,
  planTg: (a) => `HTTP/80、インスタンス、ヘルスチェック ${a.path}`,
  planAlb: () => '2 つのパブリックサブネットにまたがるインターネット向け ALB、elb-sg',
  planListener: () => 'ターゲットグループへ転送',
  planTargets: (a) => `${a.tg} に登録`,

  deleted: (a) => `${inventory.describe(a.counts)}を削除`,
  nothingToDelete: () => '削除するものは残っていません',
  keptUntagged: (a) => `${a.what}。タグのないリソース ${a.n} 個は残しました`,
  stillThere: (a) => `${inventory.label({ type: a.type, n: 1 })} ${a.id}: ${a.reason}`,
  stillThereAll: (a) => a.items.join('、'),
  attachedToInstance: () => 'インスタンスにアタッチされています',
  stillInState: (a) => `まだ${st(a.state)}`,
  deletionUnderWay: () => '削除処理中',
  recordedCount: (a) =>
    `記録にある${inventory.total({ n: a.n })}。そのほか ${a.env} のタグが付いたものはタグで見つけます`,
  notTagged: (a) => `削除していません: ${a.env} のタグがありません`,
  notReached: () => 'まだ削除していません: 実行がここに届く前に止まりました',
  mainRouteTable: () => 'VPC のメインルートテーブルです',
  couldNotList: (a) => `一覧を取得できませんでした: ${a.message}`,
  teardownGaveUp: (a) =>
    `${f.duration(a.ms)} 待っても削除できないため中止しました。残っているもの: ${a.what}`,
  createRunning: (a) =>
    `${a.env} はまだ作成中です (実行 ${a.runId})。先に作成を取り消すか、「取り消して削除」を選んでください。作成は次のティックで止まり、そのあと削除が始まります。`,
  stoppingCreate: (a) => `${a.env} の作成を止めています。止まりしだい削除を始めます。`,
  tearingDown: (a) => `${a.env} を削除しています (実行 ${a.runId})。`,

  notInDrill: (a) => `今回の訓練 (${targetWord(a.target)}) には含まれません`,
  drilling: (a) => `${a.phases.map(phaseWord).join('、続いて')}を訓練します`,
  drillStarted: (a) =>
    `${a.env} のフェイルオーバー訓練を始めました。${a.phases
      .map((p) =>
        p === 'web' ? 'ウェブサーバーを 1 台停止して再び起動し' : 'DB をフェイルオーバーで再起動し',
      )
      .join('、続いて')}ます。そのあいだずっと ${a.url} に接続を試します。`,
  noRepository: () => '環境のリポジトリが設定されていません',
  noWebServer: () => '事前確認で停止するウェブサーバーが記録されていません',
  noDb: () => '事前確認で再起動する DB が記録されていません',
  healthyAgain: (a) => `${a.role} が再び正常になりました`,
  webWaiting: (a) => `${a.role} ${a.stage}: ${st(a.state)}、ターゲット ${st(a.health)}`,
  webNotRestored: (a) =>
    `${a.id} (${a.role}) は${st(a.state)}、ターゲットは${st(a.health)}です。${f.duration(a.ms)} たっても正常に戻りません`,
  primaryMoved: (a) => `プライマリ ${a.from} → ${a.to}`,
  dbWaiting: (a) => `DB ${a.stage}: ${a.az} で${st(a.status)}`,
  dbStayed: (a) => `${a.id} が${st(a.status)}のままです。再起動は送っていません`,
  dbNotRecovered: (a) =>
    `再起動から ${f.duration(a.ms)} たっても ${a.id} は${st(a.status)}で、サイトは${a.siteUp ? '応答しています' : '応答しません'}`,
  gaveUp: (a) => `中止しました: ${a.error}`,
  restarted: (a) => `訓練の終了時に ${a.id} が停止していたため、起動し直しました`,
  stillStopping: (a) => `${a.id} はまだ停止中です。停止しだい起動します`,
  startByHand: (a) => `訓練の終了時に ${a.id} はまだ停止中でした。手動で起動してください`,
  noStopSent: () => '停止は送っていません',
  noRebootSent: () => '再起動は送っていません',
  webEvidence: (a) =>
    `${a.subject} ${states(a.states) || '確認できず'}。ターゲット ${states(a.health) || '確認できず'}`,
  dbEvidence: (a) =>
    `${a.id} ${states(a.statuses) || '確認できず'}。プライマリの AZ ${a.from} → ${a.to}${a.unchanged ? ' (変化なし)' : ''}`,
  singleAzRemark: () => 'シングル AZ の DB: 再起動はフェイルオーバーではなく停止になります',
  powerDestroyed: (a) =>
    `${a.env} は削除済みのため、${a.kind === 'sleep' ? 'スリープ' : '起動'}するものがありません。`,
  powerNotReady: (a) =>
    `${a.env} は${envStatusWord(a.status)}で、準備ができていません。${a.kind === 'sleep' ? 'スリープ' : '起動'}できるのは作成が完了した環境だけです。`,
  powerNotAllowed: (a) =>
    `${a.env} を${a.kind === 'sleep' ? 'スリープ' : '起動'}できるのは、オーナーか管理者だけです。`,
  powerStarted: (a) =>
    a.kind === 'sleep'
      ? `${a.env} をスリープします: ウェブサーバー 2 台と DB インスタンスを停止します。`
      : `${a.env} を起動します: DB インスタンスとウェブサーバー 2 台を起動し、サイトが応答することを確認します。`,
  powerGone: (a) => `${powerWhat(a.what)} ${a.id} は${st(a.state)}です。停止も起動もできません`,
  powerState: (a) => `${a.id} ${st(a.state)}`,
  powerReached: (a) => `${a.already ? 'すでに' : ''}${st(a.target)}: ${a.seen.join('、')}`,
  powerSending: (a) => `${a.ids.join('、')} を${a.doing === 'stopping' ? '停止' : '起動'}しています`,
  powerSeen: (a) => a.seen.join('、'),
  powerGaveUp: (a) => `${f.duration(a.ms)} 待っても終わらないため中止しました: ${a.note}`,
  powerTargets: (a) => `ターゲット: ${a.reason}`,
  siteNotChecked: () => 'サイトは確認していません',
  siteWasNotChecked: () => 'サイトは確認していません',
  bothWebServers: () => 'ウェブサーバー 2 台',
  theDbInstance: () => 'DB インスタンス',
  restopped: (a) =>
    `停止から 7 日たったため RDS が ${a.env} の DB インスタンスを自動的に起動しました。もう一度停止しました。`,
  asleep: (a) => `${a.env} はスリープ中です: ${joinAnd(a.stopped)}を停止しました。`,
  notAsleep: (a) =>
    `${a.env} は完全にはスリープしませんでした${a.stopped.length ? ` (${joinAnd(a.stopped)}は停止済み)` : ''}。`,
  asleepCosts: (a) =>
    `スリープ中のコストは ${f.perDay(a.awake)} ではなく ${f.perDay(a.asleep)} です (${f.perDay(a.saved)} の節約)。引き続き課金されるもの: ${a.billing.join('、')}。`,
  dbAvailableAfter: (a) => `${f.duration(a.ms)}で DB が利用可能`,
  targetsHealthyAfter: (a) => `${f.duration(a.ms)}でターゲット 2 つが正常`,
  awake: (a) =>
    `${a.env} が起動しました: ${f.duration(a.ms)}でサイトが 200 を返しました${a.parts.length ? ` (${a.parts.join('、')})` : ''}。`,
  notAwake: (a) =>
    `${a.env} は完全には起動しませんでした${a.parts.length ? ` (${a.parts.join('、')})` : ''}。`,
  sentences: (a) => a.items.join(''),
  budgetUnknown: (a) => `チャンネルの予算を確認できないため (${a.error})、何も作成していません`,
  overBudget: (a) =>
    `${a.env} を作成すると、このチャンネルの ${a.month} の支出が約 ${f.usd(a.total)} になり、月の予算 ${f.usd(a.budget)} を超えます。` +
    `内訳: これまでの支出 ${f.usd(a.spent)}、実行中の環境が期限切れか月末までに使う ${f.usd(a.coming)}、` +
    `${a.env} の約 ${f.usd(a.fresh)} (${f.duration(a.forMs)}${a.onHours ? '、稼働時間のみ' : ''}、最大 ${f.perDay(a.perDay)})。` +
    '環境を削除するかスリープさせるか、--ttl を短くするか --hours を付けて作成してください',
  noSuchEnv: (a) => `${a.env} という環境はありません。`,
  wasDestroyed: (a) => `${a.env} は削除済みです。訓練する対象がありません。`,
  notReadyForDrill: (a) =>
    `${a.env} は${envStatusWord(a.status)}で、準備ができていません。訓練には作成が完了した環境が必要です。`,
  asleepForDrill: (a) =>
    `${a.env} はスリープ中です (Web サーバーと DB が停止しています)。先に起動してから訓練してください。`,
  recordLacks: (a) =>
    `${a.env} の記録に ${a.missing.join('、')} がありません。作成が完了していないようです。`,
  singleAz: (a) =>
    `${a.env} のデータベースはシングル AZ です。フェイルオーバー先のスタンバイがないため、再起動はフェイルオーバーではなく停止になります。それでも再起動して停止時間を測るには \`/site failover ${a.env} db --force\` を実行してください。`,
  needsTwoHealthy: (a) =>
    `ウェブ層の訓練には ${a.env} に正常なターゲットが 2 台必要です (1 台止めても 1 台が応答し続けるため)。現在: ${a.seen.join('、')}。`,
  webSeen: (a) => `${a.role} ${st(a.state)}/${st(a.health)}`,
  dbMissing: (a) => `${a.env} のデータベースが見つかりません。`,
  dbNotAvailable: (a) =>
    `${a.env} のデータベースは${st(a.status)}で、利用可能ではありません。利用可能になってからもう一度試してください。`,
  drillNotAllowed: (a) => `${a.env} のフェイルオーバー訓練を実行できるのは、オーナーか管理者だけです。`,
  siteUrl: () => 'サイトの URL',

  retrying: (a) => `再試行します (原因: ${a.error})`,
  busy: (a) =>
    `${a.env} は使用中です: ${a.holder} が ${f.instant(a.at)} (${
      a.agoMs < 60_000 ? '1分以内' : `${f.duration(a.agoMs)}前`
    }) に始めた${kindWord(a.kind)}の実行 (${a.runId}) が進行中です${a.work.length > 0 ? `。現在の作業: ${a.work.join('、')}` : ''}`,
  stepAt: (a) => (a.note ? `${a.step} (${a.note})` : a.step),
  noWorkflow: (a) => `${a.kind} のワークフローがありません`,
  noRun: (a) => `実行 ${a.runId} はありません`,
  runEnded: (a) => `実行 ${a.runId} はすでに終了しています (${a.status})`,
  runNotFailed: (a) => `実行 ${a.runId} は失敗していません (${a.status})`,
  runChanged: (a) => `実行 ${a.runId} が変更されました。もう一度試してください`,
  inUse: (a) =>
    `${a.env} はすでに存在します (${envStatusWord(a.status)}、オーナー ${a.owner}、${f.instant(a.at)} 作成)。別の名前にするか、先に削除してください`,
  beingCreated: (a) => `${a.env} はいま別の人が作成しています`,

  assumptions: (a) =>
    [
      `${a.region} のオンデマンド料金 (${a.date} 時点)`,
      ...(a.lcu >= 0 ? [`ALB は ${a.lcu} LCU`] : []),
      ...a.storage.map((s) => `RDS ストレージ ${s}`),
      'データ転送料は含まない',
      ...(a.estimated ? ['一部の料金は推定'] : []),
    ].join('、'),
  noEnv: (a) => `${a.env} という環境はありません`,
  beingDestroyed: (a) => `${a.env} は削除中です`,
  tooFarAhead: (a) =>
    `それでは ${a.env} を今から ${f.duration(a.keptMs)} 残すことになります。残せるのは最長 ${f.duration(a.maxMs)} 先までです`,
  overCap: (a) =>
    `${a.env} をそこまで残すと約 ${f.usd(a.spend)} かかり、延長の上限 ${f.usd(a.cap)} を超えます`,
  changing: (a) => `${a.env} はいま変更中です。もう一度試してください`,
});
