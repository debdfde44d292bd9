/** コマンドの書き方の誤り (英語版: ../en/grammar.ts)。 */
import type { Formatter } from '../../domain/format';
import type { GrammarTexts } from '../en/grammar';
import { spaced as topic } from './spacing';

export const grammar = (f: Formatter): GrammarTexts => ({
  couldNotRead: (a) => `コマンドを読み取れませんでした (${a.detail})`,
  helpTakesNothing: (a) => `'help' に引数は指定できません ('${a.got}' が指定されました)`,
  unknownSubcommand: (a) => `不明なサブコマンド '${a.got}' です。${a.allowed} のいずれかを指定してください`,
  listTakesNoEnv: (a) =>
    `'list' に環境名は指定できません ('${a.got}' が指定されました)。/site status <env> を使ってください`,
  statusOneEnv: (a) => `'status' に指定できる環境名は 1 つまでです ('${a.got}' が続いています)`,
  pageIsForAll: () => '--page は全環境の一覧用です。環境を 1 つ指定したときは使えません',
  pageNumber: (a) => `--page には 1 以上の整数を指定してください ('${a.got}' が指定されました)`,
  multiAz: (a) =>
    `--multi-az には now、later、off のいずれかを指定してください ('${a.got}' が指定されました)`,
  needsEnv: (a) => `'${a.sub}' には環境名が必要です`,
  oneEnv: (a) => `'${a.sub}' に指定できる環境名は 1 つです ('${a.got}' が続いています)`,
  oneTarget: (a) => `'failover' に指定できる対象は 1 つまでです ('${a.got}' が続いています)`,
  failoverTarget: (a) =>
    `フェイルオーバーの対象には web、db、all のいずれかを指定してください ('${a.got}' が指定されました)`,
  extendNeedsBoth: () => "'extend' には環境名と期間が必要です",
  extendNeedsDuration: () => "'extend' には環境名のあとに 8h のような期間が必要です",
  extendOneDuration: (a) => `'extend' に指定できる期間は 1 つです ('${a.got}' が続いています)`,
  unknownOption: (a) => `不明なオプション '${a.got}' です。このコマンドで使えるのは ${a.allowed} です`,
  unknownOptionNone: (a) => `不明なオプション '${a.got}' です。このコマンドにオプションはありません`,
  optionOnce: (a) => `オプション ${a.name} は 1 回しか指定できません`,
  optionNoValue: (a) => `オプション ${a.name} に値は指定できません`,
  optionNeedsValue: (a) => `オプション ${a.name} には値が必要です`,
  langNeeded: () => "'lang' には言語 (ja または en) を指定してください",
  hoursNeedsEnv: () => "'hours' には環境名と、09:00-19:00 のような時間帯または 'off' を指定してください",
  hoursNeedsHours: () =>
    "'hours' には環境名のあとに 09:00-19:00 のような時間帯 (または 'off') を指定してください",
  afterOff: (a) => `'off' のあとに余分な '${a.got}' があります`,
  afterDays: (a) => `曜日のあとに余分な '${a.got}' があります`,
  daysNeedHours: () => '--days は --hours と一緒に指定してください',
  hoursShape: (a) => `稼働時間 '${a.got}' は 09:00-19:00 の形ではありません`,
  hoursTimes: (a) => `稼働時間 '${a.got}' は有効な時刻ではありません`,
  hoursOrder: () => '稼働時間は終了より前に開始してください (日をまたぐ時間帯には対応していません)',
  daysShape: (a) => `曜日 '${a.got}' は weekdays、daily、mon-fri、mon,wed,fri のような形ではありません`,
  langUnknown: (a) => `言語には ja または en を指定してください ('${a.got}' が指定されました)`,
  langOne: (a) => `'lang' に指定できる言語は 1 つです ('${a.got}' が続いています)`,
  explainOne: (a) => `'explain' に指定できる環境名またはステップは 1 つまでです ('${a.got}' が続いています)`,
  explainWhat: (a) =>
    `'${a.got}' はステップでも有効な環境名でもありません。ステップの一覧は /site explain で確認できます`,

  envName: (a) => `環境名 '${a.got}' ${a.problem}`,
  envTooShort: () => 'は 3 文字未満です',
  envTooLong: () => 'は 20 文字を超えています',
  envChars: () => 'には英小文字、数字、ハイフンしか使えません',
  envStart: () => 'は英字で始めてください',
  envEnd: () => 'の末尾にハイフンは使えません',
  envDoubleHyphen: () => 'にハイフンを 2 つ続けることはできません',
  envInvalid: () => 'は無効です',
  envNameRule: () => '3〜20 文字。英小文字、数字、単独のハイフンが使え、英字で始まりハイフンで終わらないこと',

  ttl: () => 'TTL',
  extension: () => '延長期間',
  durationSyntax: () => '90m、8h、3d のような分・時間・日単位の整数',
  durationPositive: (a) => `${topic(a.what)}には正の値を指定してください (${a.got} が指定されました)`,
  durationShape: (a) => `${topic(a.what)}には${a.syntax}を指定してください (${a.got} が指定されました)`,
  durationAtLeast: (a) =>
    `${topic(a.what)}は ${f.duration(a.minMs)} 以上にしてください (${a.got} が指定されました)`,
  durationAtMost: (a) =>
    `${topic(a.what)}は ${f.duration(a.maxMs)} 以下にしてください (${a.got} が指定されました)`,

  cliUnknownOption: (a) => `不明なオプション '--${a.got}' です (使えるのは ${a.allowed})`,
  cliUnknownOptionNone: (a) => `不明なオプション '--${a.got}' です`,
  cliOptionTwice: (a) => `オプション --${a.name} が 2 回指定されています`,
  cliOptionNoValue: (a) => `オプション --${a.name} に値は指定できません`,
  cliOptionNeedsValue: (a) => `オプション --${a.name} には値が必要です`,
  cliHelpNothing: (a) => `'help' に引数は指定できません ('${a.got}' が指定されました)`,
  cliNoArgs: (a) => `'${a.sub}' に引数は指定できません ('${a.got}' が指定されました)`,
  cliOut: () => '--out には .svg または .png のファイル名を指定してください',
  cliUnknownSubcommand: (a) =>
    `不明なサブコマンド '${a.got}' です (${a.allowed} のいずれかを指定してください)`,
  cliAfterEnv: (a) => `環境名のあとの '${a.got}' は余分です`,
  cliAfterTarget: (a) => `フェイルオーバーの対象のあとの '${a.got}' は余分です`,
  cliMultiAz: (a) =>
    `--multi-az には now、later、off のいずれかを指定してください ('${a.got}' が指定されました)`,
  cliTarget: (a) =>
    `フェイルオーバーの対象には web、db、all のいずれかを指定してください ('${a.got}' が指定されました)`,
  cliChannel: () => '--channel には C0123ABC のようなチャンネル ID を指定してください',
  cliAs: (a) => `--as '${a.got}' ${a.problem}`,
  userEmpty: () => 'は空です',
  userTooLong: () => 'は 64 文字を超えています',
  userChars: () => 'には英字、数字、. _ @ - しか使えません',
  cliInvalid: () => '引数が正しくありません',
});
