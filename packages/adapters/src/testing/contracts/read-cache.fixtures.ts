/** A database row and a loader that counts its reads, optionally held until released: the ReadCache contracts' fixture. */
export type Doc = { id: string; title: string; sold: number };

/** A database row and a loader that counts its reads, optionally held until released. */
export function row(initial: Partial<Doc> = {}) {
  const db: Doc = { id: 'd-1', title: 'Hoodie', sold: 0, ...initial };
  let loads = 0;
  let hold: Promise<void> | undefined;
  return {
    db,
    get loads() {
      return loads;
    },
    /** The next load reads the row now but answers only once `release` is called. */
    holdNext(): () => void {
      let release!: () => void;
      hold = new Promise((r) => (release = r));
      return release;
    },
    load: async (): Promise<Doc> => {
      loads++;
      const snapshot = { ...db };
      const h = hold;
      hold = undefined;
      if (h) await h;
      return snapshot;
    },
  };
}

export const tick = () => new Promise((r) => setTimeout(r, 5));
