/**
 * The memory budget of one session: its estimate from the configuration, the refusal that names the knob to
 * lower, and the real heap of the largest session the budget allows, created through the API of a real
 * server and read from GET /api/status before and after.
 */
import { describe, expect, it } from "vitest";
import {
  SESSION_BYTES_BUDGET,
  SessionConfig,
  type SessionConfigInput,
  sessionBytes,
} from "../../shared/protocol/session.ts";
import { api, createSession, startTestServer } from "../server/harness.ts";

const MB = 1024 * 1024;
const refusal = (input: SessionConfigInput) => {
  const parsed = SessionConfig.safeParse(input);
  return parsed.success
    ? null
    : parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
};

/** The largest session the budget lets through: 4,000 seats, 20 questions, 64 outputs, 10,000 rounds. */
const largest = {
  exam: "layered",
  outputs: 64,
  scheme: { name: "global" },
  questions: 20,
  maxStudents: 3980,
  bots: 0,
  maxBots: 20,
  maxRounds: 10_000,
} as const;

describe("the memory budget of one session", () => {
  it("lets every class a teacher runs through: the presets' sizes and a lecture hall of 2,000 over 20 questions", () => {
    for (const input of [
      { exam: "independent", scheme: { name: "global" } },
      { exam: "readout", outputs: 2, scheme: { name: "vectorized" }, maxStudents: 250, maxRounds: 60 },
      { exam: "independent", scheme: { name: "global" }, maxStudents: 1, bots: 200, maxRounds: 300 },
      { exam: "independent", scheme: { name: "global" }, maxStudents: 2000, questions: 20, maxRounds: 1000 },
      { exam: "layered", scheme: { name: "global" }, maxStudents: 200, bots: 30 },
      largest,
    ] as const)
      expect(refusal(input)).toBeNull();
  });

  it("refuses the old largest session (a layered class of 4,000 with its default second layer) and says to lower outputs", () => {
    const why = refusal({ exam: "layered", scheme: { name: "global" }, maxStudents: 3980, maxBots: 20 });
    expect(why).toMatch(
      /^outputs: this session would need about \d+ MB of the server's memory, more than the 48 MB/,
    );
    expect(why).toMatch(/lower outputs \(the second layer's students/);
  });

  it("names maxRounds when the rounds cost most, and the seats or the questions when they do", () => {
    expect(refusal({ exam: "independent", scheme: { name: "global" }, maxRounds: 100_000 })).toMatch(
      /^maxRounds: .*lower maxRounds/,
    );
    expect(
      refusal({
        exam: "readout",
        outputs: 64,
        scheme: { name: "global" },
        maxStudents: 3980,
        maxBots: 20,
        maxRounds: 30_000,
      }),
    ).toMatch(/lower maxRounds/);
    expect(sessionBytes({ ...largest, exam: "independent" }).questions).toBeGreaterThan(
      sessionBytes({ ...largest, exam: "independent", questions: 1 }).questions,
    );
  });

  it("grows with every knob: more seats, questions, outputs or rounds never cost less", () => {
    const base = SessionConfig.parse({ exam: "readout", outputs: 8, scheme: { name: "global" } });
    const total = (over: Partial<typeof base>) => sessionBytes({ ...base, ...over }).total;
    expect(total({ maxStudents: 400 })).toBeGreaterThan(total({}));
    expect(total({ questions: 2 })).toBeGreaterThan(total({}));
    expect(total({ outputs: 16 })).toBeGreaterThan(total({}));
    expect(total({ maxRounds: 400 })).toBeGreaterThan(total({}));
  });

  it("holds the real heap of the largest allowed session: three created through the API stay within the estimate of their resident memory", async () => {
    const server = await startTestServer();
    try {
      // Typed arrays keep their numbers outside V8's heap: the process's resident memory counts them.
      const status = async () => {
        const { body } = await api<{ heapUsedBytes: number; rssBytes: number }>(server, "/status");
        return body;
      };
      await createSession(server, { exam: "independent", scheme: { name: "global" } });
      const before = await status();
      const copies = 3;
      for (let i = 0; i < copies; i++) await createSession(server, largest);
      const after = await status();
      const heap = (after.heapUsedBytes - before.heapUsedBytes) / copies;
      const per = (after.rssBytes - before.rssBytes) / copies;
      const estimate = sessionBytes(SessionConfig.parse(largest));
      const atStart = estimate.total - estimate.maxRounds;
      console.log(
        `largest allowed session at creation: ${(heap / MB).toFixed(1)} MB of heap, ${(per / MB).toFixed(1)} MB of resident memory; estimate ${(atStart / MB).toFixed(1)} MB at creation, ${(estimate.total / MB).toFixed(1)} MB after its ${largest.maxRounds} rounds; budget ${SESSION_BYTES_BUDGET / MB} MB`,
      );
      // The estimate is an upper bound, with a fifth of slack for the allocator's own pages.
      expect(per).toBeGreaterThan(0);
      expect(per).toBeLessThanOrEqual(atStart * 1.2);
    } finally {
      await server.close();
    }
  });
});
