import { DescribeTableCommand, ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { ensureTables, tableDefinitions, tableNames } from '../../../src/state/tables';
import { useDynalite } from '../../helpers/dynalite';

describe('ensureTables', () => {
  const db = useDynalite();

  it('creates every table ACTIVE with its indexes, and is idempotent', async () => {
    await ensureTables(db.client, db.prefix); // second call: all exist already
    const listed = await db.client.send(new ListTablesCommand({}));
    expect(listed.TableNames?.sort()).toEqual(Object.values(tableNames(db.prefix)).sort());

    const definitions = tableDefinitions(db.prefix);
    for (const definition of Object.values(definitions)) {
      const { Table } = await db.client.send(new DescribeTableCommand({ TableName: definition.TableName }));
      expect(Table?.TableStatus).toBe('ACTIVE');
      expect(Table?.KeySchema).toEqual(definition.KeySchema);
      const indexNames = (Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort();
      expect(indexNames).toEqual((definition.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName).sort());
    }
  });

  it('defines on-demand tables with the agreed names', () => {
    const definitions = tableDefinitions('x');
    expect(Object.values(definitions).map((d) => d.TableName)).toEqual([
      'x-environments',
      'x-runs',
      'x-locks',
      'x-audit',
      'x-outbox',
    ]);
    for (const d of Object.values(definitions)) expect(d.BillingMode).toBe('PAY_PER_REQUEST');
  });
});
