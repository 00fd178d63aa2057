/** Small DOM builders for the dashboard's views: elements with text and attributes in one call. */

type Attrs = Record<string, string | number | boolean | null | undefined>;

/** An element with attributes (false/null/undefined leave one out, true sets it empty) and children. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === false || value === null || value === undefined) continue;
    if (name === "class") el.className = String(value);
    else el.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children)
    if (child !== null && child !== undefined && child !== false) el.append(child);
  return el;
}

/** Sets text only when it changed (cheap to call on every state patch, quiet for screen readers). */
export function setText(el: Element, text: string): void {
  if (el.textContent !== text) el.textContent = text;
}

let unique = 0;
/** A fresh id for pairing labels with controls built in code. */
export const freshId = (prefix: string): string => `${prefix}-${++unique}`;
