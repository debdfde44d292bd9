/** Slack's confirm dialog for a button that asks first: title, text, deny and confirm (red for danger). */
import type { ConfirmSpec } from './blocks';
import { byId } from './dom';
import { mrkdwnNode, plainNode, type PeopleContext } from './mrkdwn-dom';

export function confirmDialog(spec: ConfirmSpec, ctx: PeopleContext): Promise<boolean> {
  const backdrop = byId('dialog-backdrop');
  const confirm = byId<HTMLButtonElement>('dialog-confirm');
  const deny = byId<HTMLButtonElement>('dialog-deny');
  byId('dialog-title').replaceChildren(plainNode(spec.title, true, ctx));
  byId('dialog-text').replaceChildren(
    spec.text.type === 'plain_text' ? plainNode(spec.text.text, true, ctx) : mrkdwnNode(spec.text.text, ctx),
  );
  confirm.replaceChildren(plainNode(spec.confirm, true, ctx));
  deny.replaceChildren(plainNode(spec.deny, true, ctx));
  confirm.className = `bk-button ${spec.style === 'danger' ? 'danger' : 'primary'}`;
  backdrop.hidden = false;
  confirm.focus();
  return new Promise((resolve) => {
    const done = (answer: boolean) => {
      backdrop.hidden = true;
      confirm.removeEventListener('click', yes);
      deny.removeEventListener('click', no);
      document.removeEventListener('keydown', key);
      resolve(answer);
    };
    const yes = () => done(true);
    const no = () => done(false);
    const key = (e: KeyboardEvent) => {
      if (e.key === 'Escape') done(false);
    };
    confirm.addEventListener('click', yes);
    deny.addEventListener('click', no);
    document.addEventListener('keydown', key);
  });
}
