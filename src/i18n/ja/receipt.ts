/** 削除の明細 (英語版: ../en/receipt.ts)。 */
import type { Formatter } from '../../domain/format';
import type { InventoryTexts } from '../en/inventory';
import type { ReceiptTexts } from '../en/receipt';
import { lead } from './spacing';

export const receipt = (f: Formatter, inventory: InventoryTexts): ReceiptTexts => ({
  destroyed: (a) =>
    `${a.env} を ${f.duration(a.ms)}で削除しました: ${inventory.total({ n: a.n })}を削除。${a.env} のタグが付いたリソースは残っていません。`,
  stopped: (a) =>
    `${a.env} の削除は${a.cancelled ? '取り消されました' : '止まりました'} (${f.duration(a.ms)}経過): ${inventory.total({ n: a.n })}を削除、${a.env} のタグが付いたリソースが ${a.remaining} 個残っています。再開するには /site destroy ${a.env} をもう一度実行してください。`,
  none: () => '削除の明細は記録されていません。',
  deleted: (a) => `削除: ${inventory.count({ type: a.type, n: a.ids.length })}: ${a.ids.join(', ')}`,
  kept: (a) => `残した${lead(inventory.label({ type: a.type, n: 1 }))} ${a.id}: ${a.reason}`,
  remains: (a) => `残っている${lead(inventory.label({ type: a.type, n: 1 }))} ${a.id}: ${a.reason}`,
  interfacesLeft: (a) => `${a.reason}。まだ残っているネットワークインターフェイス: ${a.ids.join(', ')}`,
});
