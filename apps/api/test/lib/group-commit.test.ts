// The view log's group commit: every caller is answered only after its entry is written, entries that arrive during a
// write go together in the next one, a failed write fails exactly its own callers, and nothing waits on a timer.
// (A write starts at the end of the event loop's turn: `settled` lets it.)
import { describe, expect, it } from "vitest";
import { createGroupCommit } from "../../src/lib/group-commit.ts";

function controlledWriter() {
  const writes: number[][] = [];
  const gates: Array<{ open: () => void; fail: (error: Error) => void }> = [];
  const write = (entries: number[]) =>
    new Promise<void>((resolve, reject) => {
      writes.push(entries);
      gates.push({ open: resolve, fail: reject });
    });
  return { writes, gates, write };
}

const settled = () => new Promise((resolve) => setImmediate(resolve));

describe("createGroupCommit", () => {
  it("writes what arrived in one turn of the event loop together, and what arrives during a write in the next one", async () => {
    const { writes, gates, write } = controlledWriter();
    const log = createGroupCommit(write, { maxBatch: 100 });
    const done: number[] = [];
    const first = [1, 2].map((entry) => log.add(entry).then(() => done.push(entry)));
    expect(writes).toEqual([]);
    await settled();
    expect(writes).toEqual([[1, 2]]);
    const rest = [3, 4].map((entry) => log.add(entry).then(() => done.push(entry)));
    await settled();
    expect(done).toEqual([]);
    gates[0]?.open();
    await Promise.all(first);
    await settled();
    expect(writes).toEqual([[1, 2], [3, 4]]);
    expect(done).toEqual([1, 2]);
    gates[1]?.open();
    await Promise.all(rest);
    expect(done).toEqual([1, 2, 3, 4]);
  });

  it("splits a long queue into writes of at most maxBatch entries", async () => {
    const writes: number[][] = [];
    const log = createGroupCommit(async (entries: number[]) => void writes.push(entries), { maxBatch: 3 });
    await Promise.all([1, 2, 3, 4, 5, 6, 7].map((entry) => log.add(entry)));
    expect(writes).toEqual([[1, 2, 3], [4, 5, 6], [7]]);
  });

  it("a failed write rejects its own callers only; the next batch is still written", async () => {
    const { writes, gates, write } = controlledWriter();
    const log = createGroupCommit(write, { maxBatch: 100 });
    const first = log.add(1);
    await settled();
    const second = log.add(2);
    gates[0]?.fail(new Error("disk full"));
    await expect(first).rejects.toThrow("disk full");
    await settled();
    expect(writes).toEqual([[1], [2]]);
    gates[1]?.open();
    await expect(second).resolves.toBeUndefined();
  });

  it("flush waits for the write under way and is immediate when idle", async () => {
    const { gates, write } = controlledWriter();
    const log = createGroupCommit(write, { maxBatch: 100 });
    await log.flush();
    const added = log.add(1);
    let isFlushed = false;
    const flushed = log.flush().then(() => (isFlushed = true));
    await settled();
    expect(isFlushed).toBe(false);
    gates[0]?.open();
    await Promise.all([added, flushed]);
    expect(isFlushed).toBe(true);
  });
});
