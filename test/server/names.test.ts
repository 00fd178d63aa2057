/**
 * Names over real WebSockets: the room refuses what the join page refuses, with the same sentence, and
 * look-alike names are one name in a class (a Cyrillic "а" does not make a second "alice").
 */
import { describe, expect, it } from "vitest";
import { NICKNAME_SENTENCES } from "../../shared/protocol/nickname.ts";
import { createSession, joinStudent, useTestServer } from "./harness.ts";

const server = useTestServer();
const config = { exam: "independent", scheme: { name: "global" }, maxStudents: 6, bots: 0 } as const;

async function refusal(attempt: Promise<unknown>): Promise<{ code?: unknown; message?: unknown }> {
  try {
    await attempt;
    return {};
  } catch (error) {
    return typeof error === "object" && error !== null ? error : {};
  }
}

describe("nicknames in the room", () => {
  it("refuses the teacher's and a bot's name, an invisible name and an abusive one, and takes real names", async () => {
    const created = await createSession(server(), config);
    const refused = async (name: string, key: string) => refusal(joinStudent(server(), created, name, key));
    expect(await refused("Teacher", "key-t-00000000")).toMatchObject({
      code: 400,
      message: NICKNAME_SENTENCES.reserved,
    });
    expect(await refused("b0t 2", "key-b-00000000")).toMatchObject({ message: NICKNAME_SENTENCES.reserved });
    expect(await refused("\u3164", "key-i-00000000")).toMatchObject({
      message: NICKNAME_SENTENCES.unprintable,
    });
    expect(await refused("fvck", "key-f-00000000")).toMatchObject({
      message: NICKNAME_SENTENCES["not-allowed"],
    });
    for (const [name, key] of [
      ["Dickens", "key-d-00000000"],
      ["Fagerström", "key-g-00000000"],
      ["Nazim", "key-n-00000000"],
    ]) {
      const s = await joinStudent(server(), created, name, key);
      await s.room.leave();
    }
  });

  it("counts a look-alike of a name in the class as the same name", async () => {
    const created = await createSession(server(), config);
    const alice = await joinStudent(server(), created, "alice", "key-alice-000000");
    for (const [k, twin] of ["\u0430lice", "\uff41\uff4c\uff49\uff43\uff45", "ALICE"].entries())
      expect(await refusal(joinStudent(server(), created, twin, `key-twin-${k}-0000`))).toMatchObject({
        code: 409,
      });
    await alice.room.leave();
  });
});
