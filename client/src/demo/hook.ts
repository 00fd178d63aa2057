/**
 * The demo's test hook: what a browser test (or the frame benchmark) reads of the page, as copies, never
 * the live mirror. The errors checksum lets a test tell two runs apart round by round without copying
 * thousands of numbers every frame.
 */
import type { DemoHook } from "../common/testHook.ts";
import type { RunMirror } from "./mirror.ts";

export function snapshot(
  run: RunMirror | null,
  running: boolean,
  frames: number,
  settings: string,
  linkNote: string | null,
): DemoHook {
  return {
    page: "demo",
    running,
    round: run?.rounds ?? 0,
    classes: (run?.lanes ?? []).map((l) => ({
      scheme: l.plan.scheme.name,
      score: l.score,
      classError: l.classError,
      reachedAt: l.reachedAt,
      rounds: l.rounds,
      errorsChecksum: l.errorsChecksum,
    })),
    frames,
    settings,
    linkNote,
  };
}
