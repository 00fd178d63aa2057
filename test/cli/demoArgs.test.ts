import { describe, expect, it } from "vitest";
import { parseDemoArgs } from "../../server/cli/demoArgs.ts";

const error = (argv: string[]): string => {
  const parsed = parseDemoArgs(argv);
  if (parsed.ok) throw new Error(`accepted ${argv.join(" ")}`);
  return parsed.error;
};

describe("the demo's flags", () => {
  it("have defaults for everything", () => {
    const parsed = parseDemoArgs([]);
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.options.experiment).toMatchObject({
      exam: "independent",
      students: 30,
      seeds: 50,
      rounds: 800,
      schemes: [{ name: "global" }, { name: "vectorized" }],
      scalarLearners: ["perturbation", "perturbation-robust"],
      human: null,
    });
    expect(parsed.options).toMatchObject({ json: false, out: null, help: false });
  });

  it("read the documented names", () => {
    const parsed = parseDemoArgs(
      "--students 12 --exam readout --schemes teams,noisy,blocked --seeds 3 --rounds 90 --outputs 3 --team-size 4 --noise 0.5 --blocked 0.25 --human --json --out a.svg --seed 8 --learner perturbation-gaussian".split(
        " ",
      ),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.options.experiment).toMatchObject({
      exam: "readout",
      students: 12,
      outputs: 3,
      seeds: 3,
      rounds: 90,
      baseSeed: 8,
      scalarLearners: ["perturbation-gaussian"],
      schemes: [
        { name: "teams", teamSize: 4 },
        { name: "noisy", noise: 0.5 },
        { name: "blocked", blockedFraction: 0.25 },
      ],
    });
    expect(parsed.options.experiment.human).not.toBeNull();
    expect(parsed.options).toMatchObject({ json: true, out: "a.svg" });
  });

  it("read --score-noise into the experiment, and leave it out when the flag is absent", () => {
    const noisy = parseDemoArgs(["--score-noise", "1e-6"]);
    expect(noisy.ok && noisy.options.experiment.scoreNoise).toBe(1e-6);
    const quiet = parseDemoArgs([]);
    expect(quiet.ok).toBe(true);
    if (quiet.ok) expect("scoreNoise" in quiet.options.experiment).toBe(false);
  });

  it("read --rate (one for all, or per scheme), --sigma, --tuning-seeds, lists of sizes, --csv and --plots", () => {
    const parsed = parseDemoArgs(
      "--students 10,30 --schemes global,vectorized,teams --team-size 2,5 --rate global=0.177,vectorized=0.5 --sigma 0.001 --tuning-seeds 20 --csv d.csv --plots figs".split(
        " ",
      ),
    );
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.options).toMatchObject({
      classSizes: [10, 30],
      roundsGiven: false,
      csv: "d.csv",
      plots: "figs",
    });
    expect(parsed.options.experiment).toMatchObject({
      students: 10,
      sigma: 0.001,
      tuningSeeds: 20,
      rates: { global: 0.177, vectorized: 0.5 },
      schemes: [
        { name: "global" },
        { name: "vectorized" },
        { name: "teams", teamSize: 2 },
        { name: "teams", teamSize: 5 },
      ],
    });
    const all = parseDemoArgs(["--rate", "0.25"]);
    expect(all.ok && all.options.experiment.rate).toBe(0.25);
  });

  it.each([
    [["--students", "0"], /--students must be at least 1/],
    [["--students=-3"], /--students must be at least 1/],
    [["--students", "-3"], /ambiguous/],
    [["--students", "abc"], /--students must be a whole number/],
    [["--students", "2.5"], /--students must be a whole number/],
    [["--students", "NaN"], /--students must be a whole number/],
    [["--seeds", "0"], /--seeds must be at least 1/],
    [["--seeds", "1e3"], /--seeds must be a whole number/],
    [["--rounds", "1"], /--rounds must be at least 2/],
    [["--students", "99999999999999999999"], /too large/],
    [["--schemes", "global,bogus"], /unknown scheme "bogus"/],
    [["--schemes", "global,global"], /twice/],
    [["--schemes", ""], /unknown scheme ""/],
    [["--exam", "oral"], /unknown exam "oral"/],
    [["--exam", "layered", "--students", "1"], /layered exam needs/],
    [["--noise", "loud"], /--noise must be a number/],
    [["--blocked", "2"], /--blocked must be between 0 and 1/],
    [["--team-size", "0"], /--team-size must be at least 1/],
    [["--learner", "gradient"], /vector schemes pick their own rule/],
    [["--learner", "keep-if-improved", "--schemes", "teams"], /cannot play the teams scheme/],
    [["--out", "chart.png"], /\.svg/],
    [["--wat"], /Unknown option '--wat'/],
    [["--students"], /argument missing/],
    [["stray"], /positional/],
    [["--rate", "0"], /--rate must be above 0/],
    [["--rate", "fast"], /--rate must be a number/],
    [["--rate", "global=0.1,global=0.2"], /gives global twice/],
    [["--rate", "telepathy=0.1"], /unknown scheme "telepathy"/],
    [["--rate", "teams=0.1"], /not in --schemes/],
    [["--rate", "global=0.1=2"], /scheme=rate pairs/],
    [["--sigma", "0"], /--sigma must be above 0/],
    [["--sigma", "1"], /--sigma must be between 0 and 0.5/],
    [["--students", "10,10"], /--students lists a size twice/],
    [["--team-size", "2,x"], /--team-size must be a whole number/],
    [["--csv", "data.txt"], /\.csv/],
    [["--score-noise=-0.1"], /--score-noise must be at least 0, not -0.1/],
    [["--score-noise", "Infinity"], /--score-noise must be a number, not "Infinity"/],
    [["--score-noise", "NaN"], /--score-noise must be a number/],
    [["--score-noise", "loud"], /--score-noise must be a number/],
  ])("refuse %j with a clear message", (argv, message) => {
    expect(error(argv as string[])).toMatch(message);
  });
});
