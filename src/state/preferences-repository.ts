/**
 * People's own settings (`/site lang ja`), kept in the locks table under keys that can never be
 * env names (`user#<id>`: env names have no `#`). One small item
 * per person; a plain put, since only that person changes it.
 */
import { GetCommand, PutCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { isLang, type Lang } from '../i18n/locale';
import type { PreferencesRepository } from './types';

const keyOf = (user: string) => `user#${user}`;

export class DynamoPreferencesRepository implements PreferencesRepository {
  constructor(
    private readonly doc: DynamoDBDocumentClient,
    private readonly locksTableName: string,
  ) {}

  async getLang(user: string): Promise<Lang | undefined> {
    const { Item } = await this.doc.send(
      new GetCommand({ TableName: this.locksTableName, Key: { env: keyOf(user) } }),
    );
    // Read back through the language check: an item written by another version is ignored, not trusted.
    return isLang(Item?.lang) ? Item.lang : undefined;
  }

  async setLang(user: string, lang: Lang, now: number): Promise<void> {
    await this.doc.send(
      new PutCommand({ TableName: this.locksTableName, Item: { env: keyOf(user), lang, updatedAt: now } }),
    );
  }
}
