/** Looking up a page's elements by id, typed, failing loudly when the HTML and the code disagree. */

export function element<T extends HTMLElement>(id: string, type: { new (): T; prototype: T }): T {
  const el = document.getElementById(id);
  if (!(el instanceof type)) throw new Error(`the page has no #${id} of the expected kind`);
  return el;
}
