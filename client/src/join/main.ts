/**
 * The join page (`/` and `/join/CODE` from the QR code): a code, a nickname, a join button. The join
 * happens here so its errors show here; on success the seat goes to the student page.
 */
import "../common/zodJitless.ts";
import { publish } from "../common/testHook.ts";
import { element } from "./dom.ts";
import { loadSeat, saveSeat, withServerParam } from "./handover.ts";
import { joinClass } from "./joinClass.ts";
import type { JoinError } from "./joinErrors.ts";
import { suggestName } from "./names.ts";

const form = element("join-form", HTMLFormElement);
const code = element("code", HTMLInputElement);
const nickname = element("nickname", HTMLInputElement);
const suggest = element("suggest", HTMLButtonElement);
const join = element("join", HTMLButtonElement);
const errorLine = element("error", HTMLParagraphElement);
const rejoin = element("rejoin", HTMLParagraphElement);

function showError(error: JoinError | null): void {
  errorLine.textContent = error?.message ?? "";
  code.setAttribute("aria-invalid", String(error?.field === "code"));
  nickname.setAttribute("aria-invalid", String(error?.field === "nickname"));
  if (error?.field === "code") code.focus();
  if (error?.field === "nickname") nickname.focus();
  publish({ page: "join", error: error?.message ?? null });
}

// The QR code links to /join/CODE: the code is filled in and the student only picks a name.
const fromPath = /^\/join\/([^/]+)\/?$/.exec(location.pathname);
if (fromPath) code.value = decodeURIComponent(fromPath[1]).toUpperCase();

// Back on this page while still seated (the back button): offer the way back to the same seat.
const seated = loadSeat();
if (seated) {
  const link = document.createElement("a");
  link.href = withServerParam("/student");
  link.textContent = `Back to class ${seated.code} as ${seated.nickname}`;
  rejoin.replaceChildren(link);
  rejoin.hidden = false;
}

suggest.addEventListener("click", () => {
  nickname.value = suggestName(nickname.value);
  nickname.focus();
});

form.addEventListener("submit", async (event) => {
  event.preventDefault();
  join.disabled = true;
  join.textContent = "Joining…";
  showError(null);
  const result = await joinClass(code.value, nickname.value);
  if (result.ok) {
    saveSeat(result.seat);
    location.assign(withServerParam("/student"));
    return;
  }
  join.disabled = false;
  join.textContent = "Join";
  showError(result.error);
});

(code.value ? nickname : code).focus();
publish({ page: "join", error: null });
