// A small element builder. Text goes in through text nodes only, so data can never become markup.

type Child = Node | string | null | undefined | false;

export interface ElementOptions {
  className?: string;
  attrs?: Record<string, string>;
}

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  options?: ElementOptions,
  ...children: Child[]
): HTMLElementTagNameMap[K];
export function h(tag: string, options?: ElementOptions, ...children: Child[]): HTMLElement;
export function h(tag: string, options: ElementOptions = {}, ...children: Child[]): HTMLElement {
  const element = document.createElement(tag);
  if (options.className) element.className = options.className;
  for (const [name, value] of Object.entries(options.attrs ?? {})) element.setAttribute(name, value);
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    element.append(typeof child === 'string' ? document.createTextNode(child) : child);
  }
  return element;
}

/** A text node whose content a recycled row rewrites in place. */
export function textSlot(parent: HTMLElement): Text {
  const node = document.createTextNode('');
  parent.append(node);
  return node;
}

export function setText(node: Text, value: string): void {
  if (node.data !== value) node.data = value;
}
