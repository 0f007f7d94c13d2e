/**
 * A counter of changes to what the public may read. Every committed tRPC mutation and every
 * re-evaluation batch moves it; the public read routes keep their serialised replies only for
 * the generation they were built in. Coarse on purpose: a draft saved also moves it, which costs
 * one rebuild, while a missed path would serve stale published data.
 */
let generation = 0;

export function publishedGeneration(): number {
  return generation;
}

export function markPublishedDataChanged(): void {
  generation += 1;
}
