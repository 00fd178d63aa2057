/**
 * The two addresses a teacher hands out: the projector's link, which carries the projector's key in its
 * fragment (never sent to any server, but whoever has the link can open the projector view), and the
 * students' join address with the code.
 */
import { withServerParam } from "../join/handover.ts";
import { joinOrigin } from "./api.ts";
import { freshId, h } from "./dom.ts";
import type { KeptSession } from "./store.ts";

export const projectorLink = (kept: KeptSession): string =>
  `${location.origin}${withServerParam(`/class/${kept.code}`)}#key=${encodeURIComponent(kept.projectorToken)}`;

async function copy(text: string, input: HTMLInputElement, said: HTMLElement): Promise<void> {
  try {
    await navigator.clipboard.writeText(text);
    said.textContent = "Copied.";
  } catch {
    // No clipboard (an insecure origin, a refused permission): select the text for Ctrl+C instead.
    input.focus();
    input.select();
    said.textContent = "Selected: press Ctrl+C (or ⌘C) to copy.";
  }
}

export function shareBlock(kept: KeptSession): HTMLElement {
  const link = projectorLink(kept);
  const linkId = freshId("projector-link");
  const input = h("input", {
    id: linkId,
    class: "link",
    type: "text",
    readonly: true,
    value: link,
    "aria-describedby": `${linkId}-note`,
  });
  const said = h("span", { class: "copied", "aria-live": "polite" });
  const copyButton = h(
    "button",
    { type: "button", class: "secondary", id: "copy-projector-link" },
    "Copy the link",
  );
  copyButton.addEventListener("click", () => void copy(link, input, said));
  const joinAddress = h(
    "a",
    { id: "join-address", href: `/join/${kept.code}` },
    `${location.origin}/join/${kept.code}`,
  );
  const joinPlain = h("span", { id: "join-origin" }, location.origin);
  void joinOrigin().then((origin) => {
    joinAddress.href = `${origin}/join/${kept.code}`;
    joinAddress.textContent = `${origin}/join/${kept.code}`;
    joinPlain.textContent = origin;
  });
  return h(
    "section",
    { class: "share", "aria-label": "Join address and projector link" },
    h(
      "p",
      { class: "join-line" },
      "Students join at ",
      joinPlain,
      " with the code ",
      h("strong", { id: "join-code", class: "code" }, kept.code),
    ),
    h(
      "div",
      { class: "share-item" },
      h("label", { for: linkId }, "Projector link"),
      h("div", { class: "link-row" }, input, copyButton, said),
    ),
    h(
      "p",
      { class: "hint share-notes" },
      "Or straight at ",
      joinAddress,
      ". ",
      h(
        "span",
        { id: `${linkId}-note` },
        "The projector link carries the projector’s key: open it on the projector only, never share it with students.",
      ),
    ),
  );
}
