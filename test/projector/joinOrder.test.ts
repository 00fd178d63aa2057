/** The lobby's names: newest first, students only, a seat whose student left drops out. */
import { describe, expect, it } from "vitest";
import { JoinOrder } from "../../client/src/projector/joinOrder.ts";

const human = (seat: number, nickname: string) => ({ seat, nickname, kind: "human" });

describe("the lobby's names", () => {
  it("list the students already there in seat order, then each newcomer first", () => {
    const order = new JoinOrder();
    expect(
      order.update([human(2, "Grace"), human(0, "Ada"), { seat: 1, nickname: "bot 1", kind: "bot" }]),
    ).toEqual(["Grace", "Ada"]);
    // A newcomer in a lower free seat still comes first: it joined last.
    expect(order.update([human(0, "Ada"), human(1, "Alan"), human(2, "Grace")])).toEqual([
      "Alan",
      "Grace",
      "Ada",
    ]);
  });

  it("drop a student who left, and count one who comes back as new", () => {
    const order = new JoinOrder();
    order.update([human(0, "Ada"), human(1, "Alan")]);
    expect(order.update([human(1, "Alan")])).toEqual(["Alan"]);
    expect(order.update([human(0, "Ada"), human(1, "Alan")])).toEqual(["Ada", "Alan"]);
    expect(
      order.update([human(0, ""), human(1, "(left)"), { seat: 2, nickname: "Kim", kind: "stand-in" }]),
    ).toEqual(["Kim"]);
  });
});
