interface Reads<T> {
  running?: Promise<T>;
  queued?: Promise<T>;
}

/**
 * Small reads shared by concurrent requests asking the same question (a room reloading one unit
 * page: its stamp; a user's tabs: the session): one query at a time per question instead of one
 * per request queued on the pool (`readStandingVersionShared` is one). As fresh as a query of
 * one's own: a reader never takes the answer of a query that began before it asked (a write
 * committed just before would be missed); it waits for the next one, which every reader
 * arriving meanwhile shares. Questions are forgotten once nobody waits on them.
 */
export function sharedReads<T>() {
  const questions = new Map<string, Reads<T>>();
  return (question: string, read: () => Promise<T>): Promise<T> => {
    let reads = questions.get(question);
    if (!reads) {
      reads = {};
      questions.set(question, reads);
    }
    const state = reads;
    const start = (): Promise<T> => {
      const running: Promise<T> = read().finally(() => {
        if (state.running === running) state.running = undefined;
        if (!state.running && !state.queued) questions.delete(question);
      });
      state.running = running;
      return running;
    };
    if (!state.running) return start();
    // Began before this reader asked: wait for it to end, then share the next one.
    state.queued ??= state.running
      .catch(() => undefined)
      .then(() => {
        state.queued = undefined;
        return state.running ?? start();
      });
    return state.queued;
  };
}
