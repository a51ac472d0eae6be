// Group commit for append-only rows written on a hot path (the lookup's view log): each caller waits until its row
// is stored, as with one INSERT per request, but the rows that arrive while one write runs go together in the next.
// Under load that turns a thousand single-row statements a second into a few dozen multi-row ones. A write starts at
// the end of the event loop's current turn (setImmediate), not at once: PGlite runs statements synchronously, so
// without that pause every write would find the queue holding its own row only. Idle, a row waits one turn, no
// timer. Nothing is acknowledged before it is stored, so nothing is lost.

type Pending<Entry> = { entry: Entry; resolve: () => void; reject: (error: unknown) => void };

export type GroupCommit<Entry> = {
  /** Resolves once the entry is stored; rejects with the write's error (the caller's request fails, as it would alone). */
  add(entry: Entry): Promise<void>;
  /** Resolves when everything added so far has been written (or has failed). */
  flush(): Promise<void>;
};

export function createGroupCommit<Entry>(write: (entries: Entry[]) => Promise<void>, options: { maxBatch: number }): GroupCommit<Entry> {
  let queue: Pending<Entry>[] = [];
  let draining: Promise<void> | null = null;

  async function drain() {
    while (queue.length > 0) {
      const batch = queue.slice(0, options.maxBatch);
      queue = queue.slice(batch.length);
      try {
        await write(batch.map((pending) => pending.entry));
        for (const pending of batch) pending.resolve();
      } catch (error) {
        for (const pending of batch) pending.reject(error);
      }
    }
    draining = null;
  }

  return {
    add(entry) {
      return new Promise<void>((resolve, reject) => {
        queue.push({ entry, resolve, reject });
        draining ??= new Promise<void>((turnEnded) => setImmediate(turnEnded)).then(drain);
      });
    },
    async flush() {
      await draining;
    },
  };
}
