// A small menu at the pointer (or under the row, from the keyboard): arrow keys move, Enter or Space choose,
// Escape, Tab or a click elsewhere close it and give the keyboard back.
import { h } from '../dom';

export interface MenuItem {
  label: string;
  run(): void;
}

export class ContextMenu {
  private element?: HTMLElement;
  private restoreFocus?: HTMLElement;

  constructor(private readonly host: HTMLElement) {
    document.addEventListener('pointerdown', (event) => {
      if (this.element && !this.element.contains(event.target as Node)) this.close(false);
    });
  }

  get isOpen(): boolean {
    return this.element !== undefined;
  }

  open(items: readonly MenuItem[], x: number, y: number): void {
    this.close(false);
    this.restoreFocus = document.activeElement as HTMLElement | undefined;
    const entries = items.map((item) => {
      const entry = h('div', { className: 'menu-item', attrs: { role: 'menuitem', tabindex: '-1' } }, item.label);
      entry.addEventListener('click', () => this.choose(item));
      return entry;
    });
    const menu = h('div', { className: 'context-menu', attrs: { role: 'menu', 'aria-label': 'Row actions' } }, ...entries);
    menu.addEventListener('keydown', (event) => {
      const at = entries.indexOf(document.activeElement as HTMLDivElement);
      switch (event.key) {
        case 'ArrowDown':
          entries[(at + 1) % entries.length].focus();
          break;
        case 'ArrowUp':
          entries[(at - 1 + entries.length) % entries.length].focus();
          break;
        case 'Home':
          entries[0].focus();
          break;
        case 'End':
          entries[entries.length - 1].focus();
          break;
        case 'Enter':
        case ' ':
          if (at >= 0) this.choose(items[at]);
          break;
        case 'Escape':
        case 'Tab':
          this.close(true);
          break;
        default:
          return;
      }
      event.preventDefault();
      event.stopPropagation();
    });
    this.host.append(menu);
    this.element = menu;
    // Kept inside the window, whatever the pointer's position.
    const box = menu.getBoundingClientRect();
    menu.style.left = `${Math.max(0, Math.min(x, window.innerWidth - box.width))}px`;
    menu.style.top = `${Math.max(0, Math.min(y, window.innerHeight - box.height))}px`;
    entries[0]?.focus();
  }

  private choose(item: MenuItem): void {
    this.close(true);
    item.run();
  }

  close(restoreFocus: boolean): void {
    if (!this.element) return;
    this.element.remove();
    this.element = undefined;
    if (restoreFocus && this.restoreFocus?.isConnected) this.restoreFocus.focus({ preventScroll: true });
  }
}
