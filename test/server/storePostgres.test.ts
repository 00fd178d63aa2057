import pg from "pg";
import { describe, expect, it } from "vitest";
import { MIGRATIONS, type Migration, migrate, SchemaTooNew } from "../../server/store/pgMigrations.ts";
import { openPgStore } from "../../server/store/pgStore.ts";
import { WriterRefused } from "../../server/store/store.ts";
import { at, claimed, create, joined, pgSkip, useStoreHomes } from "./storeHomes.ts";

const { tracked, freshUrl, quiet } = useStoreHomes();

describe.skipIf(pgSkip !== null)("the PostgreSQL store's migrations and keys", () => {
  const versions = async (url: string) => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(
        "SELECT version, applied_at FROM schema_migrations ORDER BY version",
      );
      return rows.map((r: Record<string, unknown>) => [Number(r.version), Number(r.applied_at)]);
    } finally {
      await client.end();
    }
  };

  it("applies each migration once: a second open changes nothing, one row per migration", async () => {
    const url = await freshUrl();
    const lines: string[] = [];
    await tracked(await openPgStore(url, { log: (line) => lines.push(line) })).close();
    const first = await versions(url);
    expect(first.map(([v]) => v)).toEqual(MIGRATIONS.map((m) => m.version));
    expect(lines).toEqual([
      `PostgreSQL schema migrations applied: ${MIGRATIONS.map((m) => m.version).join(", ")}`,
    ]);
    await tracked(await openPgStore(url, { log: (line) => lines.push(line) })).close();
    expect(await versions(url)).toEqual(first);
    expect(lines.length).toBe(1);
  });

  it("lets two processes open a fresh database at once: both stores work, migrations applied once", async () => {
    const url = await freshUrl();
    const [a, b] = (await Promise.all([openPgStore(url, quiet), openPgStore(url, quiet)])).map(tracked);
    expect((await versions(url)).map(([v]) => v)).toEqual(MIGRATIONS.map((m) => m.version));
    await create(a, "s1");
    expect((await b.session("s1"))?.id).toBe("s1");
  });

  it("brings a database of an older version up to date with only the migrations it lacks, in order", async () => {
    const url = await freshUrl();
    await tracked(await openPgStore(url, quiet)).close();
    const before = await versions(url);
    const later: Migration[] = [
      { version: 3, name: "third", statements: ["ALTER TABLE t2 ADD COLUMN b integer"] },
      { version: 2, name: "second", statements: ["CREATE TABLE t2 (a integer)"] },
    ];
    const pool = new pg.Pool({ connectionString: url });
    try {
      expect(await migrate(pool, [...MIGRATIONS, ...later])).toEqual([2, 3]);
      expect(await migrate(pool, [...MIGRATIONS, ...later])).toEqual([]);
      // This code's own list is older than the database now: refused.
      await expect(migrate(pool)).rejects.toBeInstanceOf(SchemaTooNew);
    } finally {
      await pool.end();
    }
    expect((await versions(url)).slice(0, before.length)).toEqual(before);
    expect((await versions(url)).map(([v]) => v)).toEqual([...before.map(([v]) => v), 2, 3]);
  });

  it("refuses a database migrated by a newer version, saying so", async () => {
    const url = await freshUrl();
    await tracked(await openPgStore(url, quiet)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    await client.query("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'future', 0)");
    await client.end();
    await expect(openPgStore(url, quiet)).rejects.toThrow(
      /set up by a newer Group Exam \(schema version 999; this one knows up to 1\)/,
    );
  });

  it("refuses, by the events' key, a second writer that holds the same claim and counted the same seq", async () => {
    const url = await freshUrl();
    const one = tracked(await openPgStore(url, quiet));
    const two = tracked(await openPgStore(url, quiet));
    await create(one, "s1");
    const claim = await claimed(one, "s1");
    await one.append(claim, at(2_000, joined(0)));
    // `two` counts from the log (seq 3); `one` still counts from what it wrote (seq 3 too).
    await two.append(claim, at(3_000, joined(1)));
    await expect(one.append(claim, at(4_000, joined(2)))).rejects.toBeInstanceOf(WriterRefused);
    expect((await two.events("s1")).map((e) => [e.seq, e.at])).toEqual([
      [1, 1_000],
      [2, 2_000],
      [3, 3_000],
    ]);
    expect((await two.summaries(["teacher"], 1))?.rows[0].students).toBe(2);
  });
});
