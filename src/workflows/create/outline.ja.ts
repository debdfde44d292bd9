/**
 * 作成ステップの日本語: 各ステップのタイトルと解説 (`--explain`、`/site explain`)。
 * 「ハンズオン §n」は元になった記事 (shared/seeds、SPEC.md に要約) の章番号。事実は記事と AWS の
 * ドキュメントから引き継ぎ、文章は自分たちで書いている。英語版: ./outline.en.ts
 */
import { awsDoc, type ExplainedStepTexts } from '../../i18n/explain';
import type { CreateFacts } from './explain-facts';
import type { CreateStepId } from './outline';

const doc = (title: string, path: string) => ({ title, url: awsDoc(path, 'ja') });
const id = (v: string | undefined) => (v ? ` (${v})` : '');

export const CREATE_STEPS_JA: ExplainedStepTexts<CreateStepId, CreateFacts> = {
  preflight: {
    title: 'クォータと提供状況を確認',
    explain: (f) => ({
      what: `${f.region} でのこのアカウントのクォータ (VPC、インターネットゲートウェイ、インスタンス、ロードバランサー、DB インスタンス) と、${f.azs[0]} と ${f.azs[1]} で ${f.instanceType} と ${f.dbClass} (MySQL ${f.engineVersion}) が提供されているかを確認します。`,
      why: 'クォータ不足や AZ で提供されていないインスタンスタイプで途中で止まる作成は、ここで何も作らず (課金も発生させず) に拒否します。',
      handsOn:
        'ハンズオンにはこの手順はありません。コンソールでは、環境の半分を作ったあとでエラー画面を見て初めて気づきます。',
      differs:
        'sitebot は先に確認し、どれか 1 つでも失敗すれば何も作りません。拒否された作成は後片付けするものを残しません。',
      doc: doc('Service Quotas とは', 'servicequotas/latest/userguide/intro.html'),
    }),
  },
  vpc: {
    title: 'VPC を作成',
    explain: (f) => ({
      what: `${f.region} に VPC ${f.names.vpc}${id(f.seen.vpcId)} (${f.vpcCidr}) を作ります。ほかのすべてのリソースが入るプライベートなネットワークです。ハンズオンと同じく、DNS 解決は有効、DNS ホスト名は無効です。`,
      why: 'ほかのリソースはすべてこの中に作るため、最初に作成します。並行して始まるのは、ネットワークを必要としない認証情報だけです。',
      handsOn:
        'ハンズオン §1 (1-1〜1-3): 「VPC など」で VPC、サブネット、ルートテーブルをデフォルトの名前で一度に作り、あとから手で名前を変えていました。',
      differs: `sitebot は名前とタグに ${f.env} を含めて各リソースを個別に作ります。そのため 1 つのアカウントに複数の環境を並べられ、途中で落ちても作ったものを見つけ直せます。`,
      doc: doc('VPC を作成する', 'vpc/latest/userguide/create-vpc.html'),
    }),
  },
  subnets: {
    title: 'サブネットを作成',
    explain: (f) => ({
      what: `${f.azs[0]} と ${f.azs[1]} に 4 つのサブネットを作ります。ウェブサーバーとロードバランサー用のパブリックサブネット ${f.cidr.publicA} と ${f.cidr.publicC} (起動時にパブリック IPv4 アドレスを割り当て)、データベース用のプライベートサブネット ${f.cidr.privateA} と ${f.cidr.privateC} です。`,
      why: 'サブネットは 1 つの AZ の中にしか作れないため、AZ の障害に耐えるには種類ごとに 2 つの AZ で 1 つずつ必要です。DB サブネットグループとロードバランサーはこれを待ちます。',
      handsOn:
        'ハンズオン §1 (1-4、1-5): 同じ 4 つの CIDR ブロックを「VPC など」で作り、「パブリックサブネット-1a」などに名前を変えていました。',
      doc: doc('VPC のサブネット', 'vpc/latest/userguide/configure-subnets.html'),
    }),
  },
  'internet-gateway': {
    title: 'インターネットゲートウェイを作成してアタッチ',
    explain: (f) => ({
      what: `インターネットゲートウェイ ${f.names.igw} を作り、VPC にアタッチします。`,
      why: 'これがないと、VPC 内のものはインターネットに出ることも、インターネットから届くこともできません。インターネット向けのロードバランサーには入口が必要なので、ロードバランサーはこれを待ちます。',
      handsOn: 'ハンズオン §1: 「VPC など」が、個別の操作なしに作成してアタッチしていました。',
      doc: doc('インターネットゲートウェイ', 'vpc/latest/userguide/VPC_Internet_Gateway.html'),
    }),
  },
  'public-routes': {
    title: 'パブリックサブネットからインターネットへのルートを設定',
    explain: (f) => ({
      what: `ルートテーブル ${f.names.publicRouteTable} に 0.0.0.0/0 → インターネットゲートウェイのルートを設定し、2 つのパブリックサブネットに関連付けます。`,
      why: 'このルートがあることで、サブネットはパブリックになります。プライベートサブネットは外への経路がない VPC のメインルートテーブルのままなので、データベースが誤ってインターネットから届く状態になることはありません。',
      handsOn: 'ハンズオン §1: パブリック用とプライベート用のルートテーブルは「VPC など」が作っていました。',
      doc: doc('ルートテーブル', 'vpc/latest/userguide/VPC_Route_Tables.html'),
    }),
  },
  'security-groups': {
    title: 'セキュリティグループを作成',
    explain: (f) => ({
      what: `セキュリティグループを 3 つ作ります。${f.names.elbSg} (どこからでも HTTP 80)、${f.names.webSg} (${f.names.elbSg} からの HTTP 80 のみ)、${f.names.dbSg} (${f.names.webSg} からの MySQL 3306 のみ) です。`,
      why: '層を鎖のようにつなぎます。インターネットから届くのはロードバランサーだけ、ロードバランサーから届くのはウェブサーバーだけ、ウェブサーバーから届くのはデータベースだけです。',
      handsOn:
        'ハンズオン: web-sg は §2 (2-2)、db-sg は §3 (3-1〜3-3)、elb-sg は §4 (4-1〜4-3) で作成していました。',
      differs:
        'ハンズオンの web-sg は SSH 22 と HTTP 80 を 0.0.0.0/0 から許可していました。sitebot は SSH を一切開けず (シェルが必要なら、ポートを開けずに使える Session Manager を使います)、HTTP もロードバランサーからだけ許可するので、ロードバランサーを迂回してサーバーに届くことはありません。',
      doc: doc(
        'セキュリティグループを使用して AWS リソースへのトラフィックを制御する',
        'vpc/latest/userguide/vpc-security-groups.html',
      ),
    }),
  },
  credentials: {
    title: '認証情報を生成 (Secrets Manager)',
    explain: (f) => ({
      what: `Secrets Manager にシークレット ${f.names.secret} を作り、生成したデータベースのマスターパスワードと WordPress の管理者パスワードを保管します。`,
      why: 'データベースとウェブサーバーの両方が必要とするため、すぐに始めます。値は Slack にもログにも実行の記録にも一切表示しません。',
      handsOn:
        'ハンズオン §3 (3-9) ではマスターパスワードを手で入力し、§5 (5-3、5-4) で管理者パスワードと一緒に WordPress のインストーラーへもう一度入力していました。',
      differs:
        '生成して Secrets Manager に保管したパスワードは、弱くなることも、メモに残ることも、チャットに貼られることもありません。',
      doc: doc('AWS Secrets Manager とは', 'secretsmanager/latest/userguide/intro.html'),
    }),
  },
  'web-role': {
    title: 'ウェブサーバーの IAM ロールを作成',
    explain: (f) => ({
      what: `IAM ロールとインスタンスプロファイル ${f.names.webRole} を作ります。ウェブサーバーに許すのは、このシークレットの読み取りと自分のデータベースの参照だけです。`,
      why: 'これがあるので、ユーザーデータがパスワードを読み、データベースのエンドポイントを自分で見つけられます。パスワードがユーザーデータに載ることはありません。ポリシーにシークレットの ARN を書くため、シークレットを待ちます。',
      handsOn:
        'ハンズオンには相当する手順がありません。サーバーにロールはなく、エンドポイントとパスワードは人がブラウザに写していました (§3-12、§5-3)。',
      doc: doc('Amazon EC2 の IAM ロール', 'AWSEC2/latest/UserGuide/iam-roles-for-amazon-ec2.html'),
    }),
  },
  'db-subnet-group': {
    title: 'DB サブネットグループを作成',
    explain: (f) => ({
      what: `プライベートサブネット ${f.cidr.privateA} (${f.azs[0]}) と ${f.cidr.privateC} (${f.azs[1]}) をまとめた DB サブネットグループ ${f.names.dbSubnetGroup} を作ります。`,
      why: 'RDS はデータベースを DB サブネットグループのサブネットにだけ配置し、このグループは少なくとも 2 つの AZ にまたがっていなければなりません。1 つはプライマリ用、もう 1 つはスタンバイ用です。',
      handsOn:
        'ハンズオン §3 (3-4〜3-6): 同じ 2 つのプライベートサブネットで db-subnetgroup を作成していました。',
      doc: doc(
        'VPC 内の DB インスタンスの使用',
        'AmazonRDS/latest/UserGuide/USER_VPC.WorkingWithRDSInstanceinaVPC.html',
      ),
    }),
  },
  database: {
    title: 'MySQL データベースを作成',
    explain: (f) => ({
      what:
        f.multiAz === 'now'
          ? `MySQL ${f.engineVersion} の DB インスタンス ${f.names.db} (${f.dbClass}、パブリックアクセスなし、自動バックアップなし) をマルチ AZ で作ります。一方の AZ にプライマリ、もう一方に同期レプリケーションされるスタンバイを置きます${f.seen.dbAz ? ` (プライマリは ${f.seen.dbAz}${f.seen.standbyAz ? `、スタンバイは ${f.seen.standbyAz}` : ''})` : ''}。`
          : `MySQL ${f.engineVersion} の DB インスタンス ${f.names.db} (${f.dbClass}、パブリックアクセスなし、自動バックアップなし) を ${f.azs[0]} にシングル AZ で作ります。`,
      why: '作成全体のペースを決めるステップです。RDS はインスタンスを作るのに何分もかかり、スタンバイがあればさらにかかります。そのため、DB サブネットグループ、セキュリティグループ、パスワードがそろった時点ですぐに始め、サーバーやロードバランサーはその横で並行して作ります。',
      handsOn:
        'ハンズオン §3 (3-7〜3-12): 無料利用枠の MySQL 8.0.28 を test-rds-1 として ap-northeast-1a に作り、最初のデータベース名は wordpress、エンドポイントは手で控えていました。',
      differs: `MySQL ${f.engineVersion} を使うのは、8.0 が RDS の標準サポートを終えたためです (古いメジャーバージョンは追加料金がかかります)。サーバーはデータベースに IP ではなくエンドポイントの DNS 名で接続するので、フェイルオーバーしても接続先がついていきます。${f.multiAz === 'now' ? '最初からマルチ AZ で作れば、§9 の状態に 1 つのステップで、より早く到達します。' : ''}`,
      doc: doc('Amazon RDS DB インスタンスの作成', 'AmazonRDS/latest/UserGuide/USER_CreateDBInstance.html'),
    }),
  },
  'database-multi-az': {
    title: 'データベースをマルチ AZ に変更',
    explain: (f) => ({
      what:
        f.multiAz === 'later'
          ? `${f.names.db} をマルチ AZ に変更し、すぐに適用します。RDS はプライマリのスナップショットを取り、それを ${f.seen.standbyAz ?? f.azs[1]} にスタンバイとして復元し、同期レプリケーションを始めます。`
          : f.multiAz === 'now'
            ? `${f.names.db} のスタンバイが ${f.seen.standbyAz ?? 'もう一方の AZ'} で使えるようになるのを待ちます (データベースはマルチ AZ で作成済みです)。`
            : '何もしません。--multi-az off なので、データベースはシングル AZ のままです。',
      why:
        f.multiAz === 'off'
          ? 'シングル AZ のデータベースにはスタンバイがありません。再起動しても AZ が落ちても、戻るまでサイトは止まります。'
          : 'スタンバイが引き継げるようになるには、データを丸ごと複製して追いつかせる必要があり、いちばん時間のかかるステップになります。これが終わるまでサイトを準備完了とは報告しません。',
      handsOn:
        'ハンズオン §9 (9-1〜9-6): 「スタンバイインスタンスを作成する」を選んで「すぐに適用」し、状態が「変更中」から「利用可能」になるのを待っていました。',
      ...(f.multiAz === 'later'
        ? {}
        : {
            differs:
              'sitebot の既定 (--multi-az now) は、データベースと一緒にスタンバイを作ります。同じ状態に、より早く到達します。ハンズオンと同じ手順にするには --multi-az later を指定します。',
          }),
      doc: doc(
        'マルチ AZ DB インスタンスのデプロイ',
        'AmazonRDS/latest/UserGuide/Concepts.MultiAZSingleStandby.html',
      ),
    }),
  },
  'web-1': {
    title: 'ウェブサーバー #1 を起動',
    explain: (f) => ({
      what: `ウェブサーバー #1 ${f.names.web(1)}${id(f.seen.web1)} を起動します。${f.instanceType}、Amazon Linux 2023、${f.azs[0]} のパブリックサブネット、${f.names.webSg}、IAM ロール付きで、IMDSv2 を必須にします。ユーザーデータが Apache、PHP、WordPress を入れ、WordPress の接続先をデータベースに設定します。`,
      why: 'サブネット、セキュリティグループ、ルート、ロールを待ちますが、データベースは待ちません。エンドポイントはユーザーデータが自分で待つからです。',
      handsOn:
        'ハンズオン §2 (2-1〜2-3) では Amazon Linux 2 からユーザーデータ付きで Test-EC2#1 を起動し、§5 でブラウザから WordPress のインストールを仕上げていました。',
      differs:
        'Amazon Linux 2 はサポート終了を迎えるため Amazon Linux 2023 を使います。IMDSv2 を必須にするのは、サイト経由の偽造リクエストでロールの認証情報を読まれないためです。ハンズオンのスクリプトはコマンド置換が抜けていました (PHP_VERSION=php -v …)。sitebot のスクリプトはそのまま動き、ブラウザなしで WordPress の設定まで終えます。',
      doc: doc(
        'ユーザーデータを使って EC2 インスタンスの起動時にコマンドを実行する',
        'AWSEC2/latest/UserGuide/user-data.html',
      ),
    }),
  },
  'web-ami': {
    title: 'ウェブサーバー #1 の AMI を作成',
    explain: (f) => ({
      what: `ウェブサーバー #1 から AMI ${f.names.ami}${id(f.seen.imageId)} を再起動ありで作ります。EC2 はインスタンスを一瞬止め、ルートボリュームを EBS スナップショットとして取得します。`,
      why: 'ウェブサーバー #2 は #1 と同じ中身でなければならないため、この AMI を待ちます。再起動するのは、スナップショット内のファイルシステムの整合性を保つためです。',
      handsOn:
        'ハンズオン §6 (6-1〜6-5): 「再起動しない」のチェックを外したまま「イメージを作成」し、「ストレージ」タブでスナップショットを確認していました。AMI は、このスナップショットに起動に必要な情報を加えたものです。',
      doc: doc('Amazon EBS-backed AMI の作成', 'AWSEC2/latest/UserGuide/creating-an-ami-ebs.html'),
    }),
  },
  'web-2': {
    title: 'AMI からウェブサーバー #2 を起動',
    explain: (f) => ({
      what: `${f.names.ami} から、${f.azs[1]} のパブリックサブネットにウェブサーバー #2 ${f.names.web(2)}${id(f.seen.web2)} を起動します。セキュリティグループとロールは #1 と同じです。`,
      why: `2 つ目の AZ に置くことが目的です。${f.azs[0]} に障害が起きても、このサーバーが応答します。WordPress がディスクに入った状態で起動します。`,
      handsOn:
        'ハンズオン §7 (7-1〜7-5): 「AMI からインスタンスを起動」で「パブリックサブネット-1c」に起動し、ボリュームが AMI のスナップショットから作られたことを確認していました。',
      doc: doc('Amazon EC2 の Amazon マシンイメージ', 'AWSEC2/latest/UserGuide/AMIs.html'),
    }),
  },
  'target-group': {
    title: 'ターゲットグループを作成',
    explain: (f) => ({
      what: `ターゲットグループ ${f.names.targetGroup} を作ります。ターゲットはインスタンス、HTTP 80、ヘルスチェックは HTTP ${f.healthCheckPath} です。`,
      why: 'ヘルスチェックは WordPress の静的ファイルを取りに行くので、Apache がファイルを返せるようになった時点で、データベースより先にサーバーは正常と判定されます。VPC さえあれば作れるため、早めに作ります。',
      handsOn:
        'ハンズオン §4 (4-4〜4-8): 同じヘルスチェックパスで elb-targetgroup を作り、その場で Test-EC2#1 を登録していました。',
      differs: 'sitebot は 2 台のサーバーが起動してから、あとでまとめて登録します。',
      doc: doc(
        'Application Load Balancer のターゲットグループ',
        'elasticloadbalancing/latest/application/load-balancer-target-groups.html',
      ),
    }),
  },
  'load-balancer': {
    title: 'ロードバランサーを作成',
    explain: (f) => ({
      what: `${f.azs[0]} と ${f.azs[1]} のパブリックサブネットにまたがるインターネット向けの Application Load Balancer ${f.names.alb} を、${f.names.elbSg} 付きで作ります${f.seen.dnsName ? `。アドレスは ${f.seen.dnsName} です` : ''}。`,
      why: 'ロードバランサーは、自分が有効になっている AZ のターゲットにしかリクエストを振り分けません。そのため両方の AZ にサブネットを持たせます。プロビジョニングには数分かかるので、サーバーと並行して進めます。',
      handsOn:
        'ハンズオン §4 (4-9〜4-14): Test-ELB をインターネット向け・IPv4 で、両方の AZ をマッピングし elb-sg を付けて作り、DNS 名を控えていました。',
      doc: doc(
        'Application Load Balancer',
        'elasticloadbalancing/latest/application/application-load-balancers.html',
      ),
    }),
  },
  listener: {
    title: 'HTTP リスナーを作成',
    explain: (f) => ({
      what: `${f.names.alb} のポート 80 に、${f.names.targetGroup} へ転送する HTTP リスナーを作ります。`,
      why: 'リスナーが、ロードバランサーのアドレスとターゲットグループを結びます。そのため両方を待ちます。',
      handsOn:
        'ハンズオン §4 (4-12): 「リスナーとルーティング」で HTTP 80 → elb-targetgroup を設定していました。',
      doc: doc(
        'Application Load Balancer のリスナー',
        'elasticloadbalancing/latest/application/load-balancer-listeners.html',
      ),
    }),
  },
  'register-targets': {
    title: 'ウェブサーバーをターゲットに登録',
    explain: (f) => ({
      what: `${f.names.web(1)} と ${f.names.web(2)} を ${f.names.targetGroup} のターゲットとして登録します。`,
      why: '登録することで、サーバーがロードバランサーの後ろに入ります。登録できるのは実行中のインスタンスだけなので、2 台とも起動するのを待ちます。',
      handsOn: 'ハンズオン §4 (4-7) で Test-EC2#1 を、§8 (8-1〜8-6) で Test-EC2#2 を登録していました。',
      doc: doc(
        'ターゲットグループにターゲットを登録する',
        'elasticloadbalancing/latest/application/target-group-register-targets.html',
      ),
    }),
  },
  'targets-healthy': {
    title: '両ターゲットが正常になるまで待機',
    explain: (f) => ({
      what: `2 つのターゲットが ${f.healthCheckPath} へのヘルスチェックに合格するまで待ちます。`,
      why: '登録したばかりのターゲットには、ヘルスチェックに合格するまでリクエストが送られません。それまでは、2 つの AZ の 2 台のサーバーでサイトを提供しているとは言えません。',
      handsOn:
        'ハンズオン §8 (8-6): 2 台ともターゲットグループに登録され、正常になったことを確認していました。',
      doc: doc(
        'Application Load Balancer ターゲットグループのヘルスチェック',
        'elasticloadbalancing/latest/application/target-group-health-checks.html',
      ),
    }),
  },
  site: {
    title: 'サイトの応答を確認',
    explain: (f) => ({
      what: `ロードバランサー経由でサイト${f.seen.siteUrl ? ` (${f.seen.siteUrl})` : ''}にアクセスし、200 が返るまで待ちます。`,
      why: 'ロードバランサー → ウェブサーバー → WordPress → データベースという経路全体の最終確認です。正常なターゲットとマルチ AZ のステップを待つので、「準備完了」は本当に使える状態を意味します。',
      handsOn:
        'ハンズオン §5 (5-1) と §10 (10-1): ブラウザで http://<ロードバランサーの DNS 名>/ を開いていました。',
      differs:
        'sitebot は WordPress の初期設定 (§5) をスクリプトで済ませるので、準備完了と報告した時点でサイトが応答します。',
      doc: doc(
        'Application Load Balancer のトラブルシューティング',
        'elasticloadbalancing/latest/application/load-balancer-troubleshooting.html',
      ),
    }),
  },
};
