/** `sitebot help` の日本語版: 使い方、終了コード、CLI が読む環境変数 (英語版: ../en/cli-help.ts)。 */
export const CLI_HELP_JA = `sitebot — スケーラブルな Web サイト環境の構築、障害訓練、コスト確認、削除を行います

使い方:
  sitebot init
  sitebot create <env> [--ttl <期間>] [--multi-az now|later|off] [--dry-run] [--no-site-check] [--json] [--as <ユーザー>] [--channel <ID>]
  sitebot status [<env>] [--json]
  sitebot list [--json]
  sitebot cancel <env> [--json] [--as <ユーザー>]
  sitebot destroy <env> --yes [--json] [--as <ユーザー>]
  sitebot failover <env> [web|db|all] [--force] [--json] [--as <ユーザー>]
  sitebot diagram <env> [--drill] [--out <file.svg|file.png>]
  sitebot sleep <env> [--json] [--as <ユーザー>]   Web サーバー 2 台と DB を停止します (ストレージ料金は引き続きかかります)
  sitebot wake <env> [--json] [--as <ユーザー>]    それらを再び起動し、サイトが 200 を返したら終了します
  sitebot prices refresh [--region <リージョン>]...
  sitebot help

init は sitebot の DynamoDB テーブルを作成し (再実行しても何も変わりません)、認証情報、リージョンと
AZ、サービスにリンクされたロール、作成に必要なクォータと提供状況を確認します。
create は最初にクォータと提供状況を確認し (事前チェック。--dry-run では計画とコストと一緒に表示)、
途中で失敗するような作成は、何も作らずに拒否します。
--no-site-check (または SITEBOT_SITE_CHECK=off): ロードバランサー経由でサイトに問い合わせません。
データプレーンのないエンドポイント向けで、結果にはサイトを確認していないことが表示されます。
cancel は実行中の作成を止めます。作成済みのリソースは destroy まで残ります。作成中の環境に
destroy --yes を実行すると、まず作成を止めてから削除します。

diagram は環境の構成図 (VPC、AZ、サブネット、サーバー、ALB、DB のプライマリとスタンバイ) を、記録と
AWS 上の状態から描きます。--drill を付けると直近のフェイルオーバー訓練のプローブのタイムラインを
描きます。SVG を標準出力に出すか、ファイルに書き出します (名前が .png で終わるときは PNG)。

期間: 90m、8h、3d。TTL は 1h 以上です。依頼者: --as <ユーザー>、なければ $SITEBOT_CLI_USER、
なければ $USER (ボットはこの名前で表示します)。
create、cancel、destroy、failover、sleep、wake は、実行が終わるまでこのプロセスで進めます。
端末では進捗バー、パイプでは手順の状態が変わるたびに 1 行 (待機理由が変わったときも 1 行)、
--json では JSON ドキュメントを 1 つ出力します。Ctrl-C で追跡をやめても実行は再開できます
(同じ create や destroy をもう一度実行するか、ボットに再開させてください)。

終了コード:
  0    成功 (init: 準備完了)
  1    失敗または取り消し、あるいはエラー
  2    使い方または設定の誤り
  3    拒否: 何も開始・変更していません (init、create --dry-run: 作成が拒否される状態)
  4    フェイルオーバー訓練は最後まで実行されたが合格しなかった
  130  中断 (Ctrl-C)

環境変数: ボットと同じもの (SITEBOT_REGION、SITEBOT_AZS、SITEBOT_TABLE_PREFIX、SITEBOT_DEFAULT_TTL、
SITEBOT_MAX_TTL、SITEBOT_SITE_CHECK、SITEBOT_LANG) と AWS SDK のもの (AWS_REGION、AWS_PROFILE、
AWS_ENDPOINT_URL、AWS_ENDPOINT_URL_<SERVICE>。例: ローカルの DynamoDB には AWS_ENDPOINT_URL_DYNAMODB)。
サンドボックスに対しては、SITEBOT_CLOCK_URL (npm start が表示します) でサンドボックスの時計に合わせます。
`;
