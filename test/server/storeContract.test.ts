/**
 * One set of store tests for both homes (store.ts; the homes in storeHomes.ts): the embedded SQLite file and a
 * PostgreSQL database, the same promises checked the same way. PostgreSQL is a real server started for this file (Debian's binaries,
 * server/cli/postgresProcess.ts), a fresh database per test; on a machine without it its block is skipped and
 * says why. "Another process" is a second store on the same data: a second pool on PostgreSQL; on SQLite,
 * which holds its file alone (one process per file), the same store.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type SessionStore, WriterRefused } from "../../server/store/store.ts";
import { createdEvent } from "../../shared/session/session.ts";
import { at, claimed, closed, config, create, joined, type Place, useStoreHomes } from "./storeHomes.ts";

const { sqlite, postgres } = useStoreHomes();

// ── the contract ─────────────────────────────────────────────────────────

for (const home of [sqlite, postgres])
  describe.skipIf(home.skip !== null)(`the ${home.name} store`, () => {
    let place: Place;
    let store: SessionStore;
    const fresh = async () => {
      place = await home.place();
      store = await place.open();
    };

    it("reads a new session back: its row, no writer, its creation event as seq 1", async () => {
      await fresh();
      await create(store, "s1", { code: "ABCDEF", createdAt: 1_700_000_000_123 });
      expect(await store.session("s1")).toEqual({
        id: "s1",
        code: "ABCDEF",
        createdAt: 1_700_000_000_123,
        status: "live",
        teacherTokenHash: "teacher",
        projectorTokenHash: "projector",
        writer: null,
      });
      expect(await store.events("s1")).toEqual([
        { seq: 1, at: 1_700_000_000_123, event: createdEvent(config, 7, "ABCDEF") },
      ]);
      expect(await store.session("nobody")).toBeNull();
      expect(await store.events("nobody")).toEqual([]);
    });

    it("keeps appends in order, numbered 1..n across batches, each event exactly as written", async () => {
      await fresh();
      await create(store, "s1");
      const claim = await claimed(store, "s1");
      // Names a database might mangle: a NUL, a lone surrogate, quotes, an emoji, right-to-left text.
      const odd = ["nul\u0000here", "half \ud800 pair", 'quote " and \\', "🦉 owl", "שלום"];
      await store.append(claim, at(2_000, ...odd.map((name, i) => joined(i, name))));
      await store.append(claim, []);
      await store.append(claim, at(3_000, { type: "started" }, closed(1, 0.1 + 0.2)));
      const log = await store.events("s1");
      expect(log.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
      expect(log.slice(1, 6).map((e) => e.event)).toEqual(odd.map((name, i) => joined(i, name)));
      expect(log.slice(6)).toEqual([
        { seq: 7, at: 3_000, event: { type: "started" } },
        { seq: 8, at: 3_000, event: closed(1, 0.1 + 0.2) },
      ]);
    });

    it("keeps each session's summary: joins, closed rounds and the last score, over several appends", async () => {
      await fresh();
      await create(store, "s1");
      const claim = await claimed(store, "s1");
      const summary = async () => (await store.summaries(["teacher"], 10))?.rows[0];
      expect(await summary()).toMatchObject({ id: "s1", config, rounds: 0, students: 0, lastScore: null });
      await store.append(claim, at(2_000, joined(0), joined(1), { type: "started" }));
      await store.append(claim, at(3_000, closed(1, 40)));
      await store.append(
        claim,
        at(4_000, joined(2), closed(2, 55.5), { type: "left", seat: 0, reason: "left" }),
      );
      expect(await summary()).toMatchObject({ id: "s1", rounds: 2, students: 3, lastScore: 55.5 });
      await store.append(claim, at(5_000, joined(0)));
      expect(await summary()).toMatchObject({ rounds: 2, students: 4, lastScore: 55.5 });
    });

    it("pages summaries newest first, ties by id, only the asking teacher's; `after` not theirs: null", async () => {
      await fresh();
      await create(store, "e", { createdAt: 5_000 });
      await create(store, "c", { createdAt: 3_000 });
      await create(store, "b", { createdAt: 3_000 });
      await create(store, "d", { createdAt: 3_000, teacher: "second device" });
      await create(store, "a", { createdAt: 1_000 });
      await create(store, "x", { createdAt: 4_000, teacher: "someone else" });
      const mine = ["teacher", "second device"];
      const ids = (page: { rows: readonly { id: string }[] } | null) => page?.rows.map((r) => r.id);
      const first = await store.summaries(mine, 2);
      expect(ids(first)).toEqual(["e", "b"]);
      expect(first?.next).toBe("b");
      const second = await store.summaries(mine, 2, "b");
      expect(ids(second)).toEqual(["c", "d"]);
      expect(second?.next).toBe("d");
      const last = await store.summaries(mine, 2, "d");
      expect(ids(last)).toEqual(["a"]);
      expect(last?.next).toBeNull();
      // A page that ends exactly at the last session says there is no next one.
      expect(await store.summaries(mine, 5)).toMatchObject({ next: null });
      expect(ids(await store.summaries(mine, 5))).toEqual(["e", "b", "c", "d", "a"]);
      expect(ids(await store.summaries(["someone else"], 5))).toEqual(["x"]);
      expect(await store.summaries(mine, 2, "x")).toBeNull();
      expect(await store.summaries(mine, 2, "no such session")).toBeNull();
      expect(await store.summaries([], 2)).toEqual({ rows: [], next: null });
    });

    it("finds a live session by code; the newest with the code, ended or not, by latestByCode", async () => {
      await fresh();
      await create(store, "old", { code: "ROOMS", createdAt: 1_000 });
      expect((await store.sessionByCode("ROOMS"))?.id).toBe("old");
      await store.setStatus("old", "ended");
      expect(await store.sessionByCode("ROOMS")).toBeNull();
      expect(await store.latestByCode("ROOMS")).toMatchObject({ id: "old", status: "ended" });
      await create(store, "new", { code: "ROOMS", createdAt: 2_000 });
      expect((await store.sessionByCode("ROOMS"))?.id).toBe("new");
      expect(await store.latestByCode("ROOMS")).toMatchObject({ id: "new", status: "live" });
      expect(await store.sessionByCode("WRONG")).toBeNull();
      expect(await store.latestByCode("WRONG")).toBeNull();
    });

    it("sets a status, lists every session newest first, and brings back only the live ones with their last time", async () => {
      await fresh();
      await create(store, "one", { createdAt: 1_000 });
      await create(store, "two", { createdAt: 2_000 });
      await create(store, "three", { createdAt: 3_000 });
      await store.append(await claimed(store, "one"), at(9_000, joined(0)));
      await store.append(await claimed(store, "two"), at(8_000, joined(0)));
      await store.setStatus("two", "ended");
      await store.setStatus("three", "interrupted");
      expect((await store.session("two"))?.status).toBe("ended");
      expect((await store.sessions()).map((r) => [r.id, r.status])).toEqual([
        ["three", "interrupted"],
        ["two", "ended"],
        ["one", "live"],
      ]);
      const live = await store.liveSessions();
      expect(live.map(({ row, lastAt }) => [row.id, row.writer, lastAt])).toEqual([["one", "A", 9_000]]);
      expect(await store.lastEventAt("two")).toBe(8_000);
      expect(await store.lastEventAt("three")).toBe(3_000);
      expect(await store.lastEventAt("nobody")).toBeNull();
    });

    it("claims: a free session is taken; a live other's is not; a gone holder's is; the same writer's again, with a new epoch", async () => {
      await fresh();
      await create(store, "s1");
      const a = await store.claim("s1", "A");
      expect(a).toMatchObject({ sessionId: "s1", writer: "A" });
      expect((await store.session("s1"))?.writer).toBe("A");
      expect(await store.claim("s1", "B")).toBeNull();
      expect(await store.claim("s1", "B", ["C", "D"])).toBeNull();
      const again = await store.claim("s1", "A");
      expect(again?.epoch).toBeGreaterThan(a?.epoch ?? Number.POSITIVE_INFINITY);
      const b = await store.claim("s1", "B", ["C", "A"]);
      expect(b).toMatchObject({ writer: "B" });
      expect(b?.epoch).toBeGreaterThan(again?.epoch ?? Number.POSITIVE_INFINITY);
      expect((await store.session("s1"))?.writer).toBe("B");
      expect(await store.claim("no such session", "A")).toBeNull();
    });

    it("refuses an append under a stale claim with WriterRefused and writes nothing, neither log nor summary", async () => {
      await fresh();
      await create(store, "s1");
      const a = await claimed(store, "s1", "A");
      await store.append(a, at(2_000, joined(0)));
      const b = await store.claim("s1", "B", ["A"]);
      if (!b) throw new Error("B could not take the session from a gone A");
      const before = { log: await store.events("s1"), page: await store.summaries(["teacher"], 1) };
      await expect(store.append(a, at(3_000, joined(1), closed(1, 90)))).rejects.toBeInstanceOf(
        WriterRefused,
      );
      await expect(store.append(a, at(3_000, joined(1)))).rejects.toThrow(
        /another process writes session s1/,
      );
      expect(await store.events("s1")).toEqual(before.log);
      expect(await store.summaries(["teacher"], 1)).toEqual(before.page);
      // The new writer goes on where the log is.
      await store.append(b, at(4_000, joined(1)));
      expect((await store.events("s1")).map((e) => [e.seq, e.at])).toEqual([
        [1, 1_000],
        [2, 2_000],
        [3, 4_000],
      ]);
    });

    it("release: the next writer needs no proof that the first is gone; a stale release frees nothing", async () => {
      await fresh();
      await create(store, "s1");
      const a = await claimed(store, "s1", "A");
      await store.release(a);
      expect((await store.session("s1"))?.writer).toBeNull();
      const b = await claimed(store, "s1", "B");
      await store.release(a);
      expect((await store.session("s1"))?.writer).toBe("B");
      expect(await store.claim("s1", "C")).toBeNull();
      await store.append(b, at(2_000, joined(0)));
      expect((await store.events("s1")).length).toBe(2);
    });

    it("gives exactly one of two racing claims the session, from two processes, 20 times over", async () => {
      await fresh();
      const other = await place.another(store);
      for (let i = 0; i < 20; i++) {
        const id = `race-${i}`;
        await create(store, id);
        const [a, b] = await Promise.all([store.claim(id, "A"), other.claim(id, "B")]);
        const winners = [a, b].filter((c) => c !== null);
        expect(winners.length, `race ${i}`).toBe(1);
        expect((await other.session(id))?.writer).toBe(winners[0]?.writer);
      }
    });

    it("lets a claim wait for an append in flight: the new writer's log has every event once, seq 1..n", async () => {
      await fresh();
      const other = await place.another(store);
      await create(store, "s1");
      const a = await claimed(store, "s1", "A");
      // A keeps appending while B takes the session; what A was told was written must be in the log.
      const written: number[] = [];
      let finished = false;
      const appending = (async () => {
        for (let i = 0; i < 40; i++) {
          try {
            await store.append(a, at(2_000 + i, joined(i)));
            written.push(i);
          } catch (error) {
            expect(error).toBeInstanceOf(WriterRefused);
            break;
          }
        }
        finished = true;
      })();
      // B claims while A is mid-stream (on SQLite, one process, A has finished by then).
      while (written.length < 5 && !finished) await new Promise((r) => setTimeout(r, 1));
      const b = await other.claim("s1", "B", ["A"]);
      if (!b) throw new Error("B could not take the session");
      await appending;
      await other.append(b, at(9_000, joined(99)));
      const log = await other.events("s1");
      expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
      const seats = log.flatMap((e) => (e.event.type === "joined" ? [e.event.seat] : []));
      expect(seats).toEqual([...written, 99]);
    });

    it("keeps everything when closed and opened again: sessions, logs, summaries, writers and epochs", async () => {
      await fresh();
      await create(store, "s1", { code: "KEEPS" });
      const a = await claimed(store, "s1", "A");
      await store.append(a, at(2_000, joined(0), closed(1, 70)));
      await store.setStatus("s1", "interrupted");
      const before = {
        row: await store.session("s1"),
        log: await store.events("s1"),
        page: await store.summaries(["teacher"], 5),
      };
      await store.close();
      store = await place.open();
      expect(await store.session("s1")).toEqual(before.row);
      expect(await store.events("s1")).toEqual(before.log);
      expect(await store.summaries(["teacher"], 5)).toEqual(before.page);
      expect(await store.latestByCode("KEEPS")).toEqual(before.row);
      // The claim of before still holds, and a claim after it is still newer.
      await store.append(a, at(3_000, joined(1)));
      expect(await store.claim("s1", "B")).toBeNull();
      const again = await claimed(store, "s1", "A");
      expect(again.epoch).toBeGreaterThan(a.epoch);
      await expect(store.append(a, at(4_000, joined(2)))).rejects.toBeInstanceOf(WriterRefused);
      expect((await store.events("s1")).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    it("reads any batches of appends from the writer back in order, seq 1..n (property)", async () => {
      await fresh();
      let n = 0;
      const event = fc.oneof(
        fc.record({
          type: fc.constant("joined" as const),
          seat: fc.nat(4_000),
          nickname: fc.string({ unit: "binary", maxLength: 24 }),
          clientKey: fc.string({ maxLength: 12 }),
        }),
        fc.record({
          type: fc.constant("submitted" as const),
          round: fc.nat(100),
          seat: fc.nat(4_000),
          // + 0 makes -0 a plain 0: JSON has no negative zero.
          level: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x + 0),
          final: fc.boolean(),
        }),
        fc.constant({ type: "started" as const }),
      );
      const batches = fc.array(fc.array(event, { maxLength: 6 }), { maxLength: 6 });
      await fc.assert(
        fc.asyncProperty(batches, async (plan) => {
          const id = `p${n++}`;
          await create(store, id);
          const claim = await claimed(store, id);
          let time = 2_000;
          for (const batch of plan) await store.append(claim, at(time++, ...batch));
          const log = await store.events(id);
          expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
          expect(log.slice(1).map((e) => e.event)).toEqual(plan.flat());
        }),
        { numRuns: 30 },
      );
    });
  });

// ── PostgreSQL only: its migrations, and writers that raced past every other check ─────────
