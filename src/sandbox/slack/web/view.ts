/** A stored message as the console page gets it: Slack's shape, the stand-in's verdict, file URLs the page may fetch. */
import type { StoredMessage } from '../messages';
import { verdictOf } from '../verdict';
import type { ConsoleMessage } from './client/types';

export function consoleMessage(m: StoredMessage): ConsoleMessage {
  // Whatever else the stand-in records on a message travels as it is; files get URLs the page may fetch.
  const { files, ...rest } = m;
  return {
    ...rest,
    ...(files
      ? {
          files: files.map((f) => ({
            id: f.id,
            name: f.name,
            title: f.title,
            mimetype: f.mimetype,
            size: f.size,
            url: `/_console/files/${encodeURIComponent(f.id)}`,
            ...(f.alt_txt ? { alt: f.alt_txt } : {}),
          })),
        }
      : {}),
    verdict: verdictOf(m),
  };
}
