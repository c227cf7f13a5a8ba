/**
 * Creates an element with text and children. Only `textContent` carries text, so names typed by
 * players can never become markup.
 */
export function element<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Pick<HTMLElementTagNameMap[K], 'className' | 'textContent' | 'id'>> = {},
  ...children: Node[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  Object.assign(node, props);
  node.append(...children);
  return node;
}

/** A button that runs `onClick`; `id` lets end-to-end tests find it. */
export function button(label: string, onClick: () => void, id?: string): HTMLButtonElement {
  const node = element('button', { textContent: label, ...(id === undefined ? {} : { id }) });
  node.type = 'button';
  node.addEventListener('click', onClick);
  return node;
}

/** A labelled form field. */
export function field(label: string, control: HTMLElement): HTMLLabelElement {
  return element('label', { textContent: label }, control);
}
