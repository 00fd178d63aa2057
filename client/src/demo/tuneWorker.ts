/**
 * Finds one scheme's best rate off the main thread: where the theory is not exact the engine sweeps rates
 * over whole runs, which takes seconds for big classes and would freeze the page and its canvases.
 */
import { bestRate, type TuneOptions } from "../../../shared/engine/index.ts";

export interface TuneRequest {
  readonly options: TuneOptions;
}

export type TuneReply =
  | { readonly ok: true; readonly rate: number; readonly source: "theory" | "sweep" }
  | { readonly ok: false; readonly message: string };

addEventListener("message", (event: MessageEvent<TuneRequest>) => {
  let reply: TuneReply;
  try {
    const choice = bestRate(event.data.options);
    reply = { ok: true, rate: choice.rate, source: choice.source };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  postMessage(reply);
});
