/**
 * AWS が返す状態の、日本語コンソールでの表記。知らない状態は AWS の値のまま見せる。
 * EC2 インスタンス、RDS の DB インスタンス、ELB のターゲットとロードバランサー、AMI。
 */
const STATES: Readonly<Record<string, string>> = {
  pending: '保留中',
  running: '実行中',
  stopping: '停止中',
  stopped: '停止済み',
  'shutting-down': 'シャットダウン中',
  terminated: '終了済み',
  creating: '作成中',
  available: '利用可能',
  modifying: '変更中',
  'backing-up': 'バックアップ中',
  rebooting: '再起動中',
  deleting: '削除中',
  starting: '起動中',
  failed: '失敗',
  'failing-over': 'フェイルオーバー中',
  maintenance: 'メンテナンス中',
  'storage-optimization': 'ストレージの最適化中',
  initial: '初期化中',
  healthy: '正常',
  unhealthy: '異常',
  unused: '未使用',
  draining: 'ドレイン中',
  unavailable: '利用不可',
  unregistered: '未登録',
  provisioning: 'プロビジョニング中',
  active: 'アクティブ',
  active_impaired: 'アクティブ (障害あり)',
  missing: '見つからない',
  unknown: '不明',
};

export function awsState(state: string): string {
  return STATES[state] ?? state;
}
