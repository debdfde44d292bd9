/**
 * 和欧間のスペース: AWS の日本語ドキュメントと同じく、英数字と日本語のあいだに半角スペースを置く
 * (「VPC を作成」「マルチ AZ」)。差し込む語の末尾が英数字なら、続く助詞の前にスペースを入れる。
 */
export function spaced(word: string): string {
  return /[\x21-\x7e]$/.test(word) ? `${word} ` : word;
}

/** 前に置く語が英数字で始まるなら、日本語とのあいだにスペースを入れる (「残した VPC」)。 */
export function lead(word: string): string {
  return /^[\x21-\x7e]/.test(word) ? ` ${word}` : word;
}
