/**
 * `npm run bench`: the engine's throughput in student-rounds per second on the `independent` exam, for
 * `global` (node perturbation bots) and `vectorized` (gradient bots), at M = 1,000 and M = 100,000, beside
 * a plain loop over the same typed arrays measured in the same run. The ratio says how close the engine is
 * to the memory limit. Figures only: no pass or fail.
 */
import { createBotClass, playRound, type SchemeName } from "../../shared/engine/index.ts";

const MIN_SECONDS = 1;

/** Runs `round` repeatedly for at least MIN_SECONDS after a warm-up; returns student-rounds per second. */
function measure(students: number, round: () => void): number {
  const warm = performance.now();
  while (performance.now() - warm < 200) round();
  let rounds = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < MIN_SECONDS * 1000) {
    for (let k = 0; k < 10; k++) round();
    rounds += 10;
    elapsed = performance.now() - start;
  }
  return (students * rounds) / (elapsed / 1000);
}

function engineRound(students: number, scheme: SchemeName): () => void {
  const bc = createBotClass({
    exam: { kind: "independent", students, questions: 1, seed: 1 },
    scheme: { name: scheme } as { name: "global" | "vectorized" },
    learner:
      scheme === "global" ? { name: "perturbation", rate: 1 / students } : { name: "gradient", rate: 0.5 },
  });
  return () => {
    playRound(bc);
  };
}

/**
 * The floor: one fused pass per round over the arrays a vectorized round touches (levels and targets read,
 * credit, signal and levels written), with the same arithmetic and no engine around it.
 */
function plainRound(students: number): () => void {
  const levels = new Float64Array(students).fill(0.5);
  const targets = new Float64Array(students);
  for (let i = 0; i < students; i++) targets[i] = (i * 0.6180339887) % 1;
  const credit = new Float64Array(students);
  const signal = new Float64Array(students);
  const scale = 2 / students;
  let sink = 0;
  return () => {
    let sum = 0;
    for (let i = 0; i < students; i++) {
      const e = levels[i] - targets[i];
      sum += e * e;
      credit[i] = scale * e;
      signal[i] = -credit[i] / scale;
      const v = levels[i] + 0.5 * signal[i];
      levels[i] = v < 0 ? 0 : Math.min(v, 1);
    }
    sink += sum;
    if (sink < 0) throw new Error("unreachable");
  };
}

const fmt = (v: number): string => `${(v / 1e6).toFixed(1)} M student-rounds/s`;

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};
say("Engine throughput, independent exam (each figure at least 1 s of rounds after a warm-up)");
let lastRatio = 0;
for (const students of [1_000, 100_000]) {
  const m = `M = ${students.toLocaleString("en")}`;
  const plain = measure(students, plainRound(students));
  say(`${m}: plain loop  ${fmt(plain)}`);
  for (const scheme of ["global", "vectorized"] as const) {
    const engine = measure(students, engineRound(students, scheme));
    lastRatio = engine / plain;
    say(`${m}: ${scheme.padEnd(10)}  ${fmt(engine)}  (ratio engine/plain-loop ${lastRatio.toFixed(2)})`);
  }
}
process.stdout.write(`ratio engine/plain-loop: ${lastRatio.toFixed(2)}\n`);
