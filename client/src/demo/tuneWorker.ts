/**
 * Finds one scheme's best rate off the main thread: where the theory is not exact the engine sweeps rates
 * over whole runs, which takes seconds for big classes and would freeze the page and its canvases.
 */
import "../common/zodJitless.ts";
import { bestRate } from "../../../shared/engine/index.ts";
import { type TuneReply, TuneRequest } from "./protocol.ts";

self.addEventListener("message", (event: MessageEvent<unknown>) => {
  let reply: TuneReply;
  try {
    const { options } = TuneRequest.parse(event.data);
    const choice = bestRate(options);
    reply = { ok: true, rate: choice.rate, source: choice.source };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  self.postMessage(reply);
});
