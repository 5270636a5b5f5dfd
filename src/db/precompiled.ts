// A query built and compiled once per database handle, then run again with fresh parameters.
// Building and compiling a Kysely query costs ~30 µs, most of the time of a primary-key read on
// SQLite; the meeting read is the hottest path of the app (bench:api).
import type { Compilable, CompiledQuery, Kysely } from 'kysely';

export function precompiled<D, P extends readonly string[], R>(build: (db: Kysely<D>, ...params: P) => Compilable<R>, placeholders: P) {
  const cache = new WeakMap<Kysely<D>, CompiledQuery<R>>();
  return async (db: Kysely<D>, ...params: P): Promise<R[]> => {
    let compiled = cache.get(db);
    if (!compiled) {
      compiled = build(db, ...placeholders).compile();
      // The placeholders must come out as the query's parameters, in order, and nothing else.
      if (compiled.parameters.length !== placeholders.length || compiled.parameters.some((p, i) => p !== placeholders[i])) {
        throw new Error(`precompiled query has parameters ${JSON.stringify(compiled.parameters)}, expected ${JSON.stringify(placeholders)}`);
      }
      cache.set(db, compiled);
    }
    return (await db.executeQuery<R>({ ...compiled, parameters: params })).rows;
  };
}
