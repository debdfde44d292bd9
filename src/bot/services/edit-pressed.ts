/**
 * Edits the message a button was pressed on, once the press has done its work (extended the
 * env, cancelled the teardown…). If Slack will not take the edit (the message was deleted, the
 * channel archived, a rate limit), the presser is told privately instead: what was done stays
 * done, and is not reported as "something went wrong".
 */
import type { ButtonContext } from '../services';
import type { UpdateMessageArgs } from '../slack-chat';

export async function editPressedMessage(ctx: ButtonContext, args: UpdateMessageArgs): Promise<void> {
  try {
    await ctx.client.chat.update(args);
  } catch {
    const { text, blocks } = args;
    await ctx
      .respond({ response_type: 'ephemeral', replace_original: false, text, ...(blocks ? { blocks } : {}) })
      .catch(() => undefined);
  }
}
