/**
 * The message box: `/site …` with completion from the bot's grammar (./grammar.ts), Up/Down for
 * earlier commands, Enter to send. Tab (or a click) takes a suggestion; arrows pick one.
 */
import { byId, h } from './dom';
import { complete, type GrammarSpec, type Suggestion } from './grammar';
import type { ConsoleTexts } from './texts';

export interface ComposerOptions {
  grammar: GrammarSpec;
  /** The page's words (completion hints). */
  t: ConsoleTexts;
  envs(): string[];
  /** Sends the line; a rejection's message is shown above the box. */
  send(text: string): Promise<void>;
}

export class Composer {
  readonly input = byId<HTMLInputElement>('composer-input');
  private readonly list = byId<HTMLUListElement>('completion');
  private readonly note = byId('composer-note');
  private suggestions: Suggestion[] = [];
  private selected = -1;
  private readonly history: string[] = [];
  private back = 0;

  constructor(private readonly options: ComposerOptions) {
    byId<HTMLFormElement>('composer').addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.input.addEventListener('input', () => {
      this.showNote(undefined);
      this.suggest();
    });
    this.input.addEventListener('keydown', (e) => this.key(e));
    this.input.addEventListener('blur', () => setTimeout(() => this.close(), 150));
  }

  /** Puts a command in the box, ready to send or edit. */
  fill(text: string): void {
    this.input.value = text;
    this.input.focus();
    this.suggest();
  }

  showNote(text: string | undefined): void {
    this.note.hidden = text === undefined;
    this.note.textContent = text ?? '';
  }

  private async submit(): Promise<void> {
    const text = this.input.value.trim();
    if (!text) return;
    this.close();
    try {
      await this.options.send(text);
      this.history.push(text);
      this.back = 0;
      this.input.value = '';
    } catch (err) {
      this.showNote(err instanceof Error ? err.message : String(err));
    }
  }

  private suggest(): void {
    this.suggestions = complete(this.input.value, this.options.grammar, this.options.envs(), this.options.t);
    this.selected = -1;
    this.draw();
  }

  private draw(): void {
    this.list.hidden = this.suggestions.length === 0;
    this.list.replaceChildren(
      ...this.suggestions.map((s, i) =>
        h(
          'li',
          {
            class: [s.insert ? '' : 'hint-only', i === this.selected ? 'selected' : '']
              .filter(Boolean)
              .join(' '),
            attrs: {
              role: 'option',
              'aria-selected': String(i === this.selected),
              'data-insert': s.insert || undefined,
            },
            on: { mousedown: (e) => (e.preventDefault(), this.take(s)) },
          },
          h('span', { class: 'label' }, s.label),
          h('span', { class: 'hint' }, s.hint),
        ),
      ),
    );
  }

  private take(s: Suggestion | undefined): boolean {
    if (!s?.insert) return false;
    this.input.value = s.insert;
    this.suggest();
    return true;
  }

  private close(): void {
    this.suggestions = [];
    this.draw();
  }

  private key(e: KeyboardEvent): void {
    const open = this.suggestions.length > 0;
    const pickable = this.suggestions.map((s, i) => (s.insert ? i : -1)).filter((i) => i >= 0);
    if (e.key === 'Tab' && open) {
      e.preventDefault();
      this.take(this.suggestions[this.selected >= 0 ? this.selected : (pickable[0] ?? -1)]);
    } else if ((e.key === 'ArrowDown' || e.key === 'ArrowUp') && open && pickable.length) {
      e.preventDefault();
      const at = pickable.indexOf(this.selected);
      const next = e.key === 'ArrowDown' ? at + 1 : at <= 0 ? pickable.length - 1 : at - 1;
      this.selected = pickable[next % pickable.length];
      this.draw();
    } else if (e.key === 'Enter' && open && this.selected >= 0) {
      e.preventDefault();
      this.take(this.suggestions[this.selected]);
    } else if (e.key === 'Escape') {
      this.close();
    } else if ((e.key === 'ArrowUp' || e.key === 'ArrowDown') && this.history.length) {
      e.preventDefault();
      this.back = Math.max(0, Math.min(this.history.length, this.back + (e.key === 'ArrowUp' ? 1 : -1)));
      this.input.value = this.back ? this.history[this.history.length - this.back] : '';
    }
  }
}
