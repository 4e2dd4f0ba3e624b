/** The in-process engines the benchmarks set beside the hub's search, in the order they are printed. */
import type { EngineFactory } from './engine';
import { miniSearchEngine } from './minisearch';
import { oramaEngine } from './orama';

export const inProcessEngines: EngineFactory[] = [miniSearchEngine, oramaEngine];

/** BENCH_ENGINES (default "minisearch,orama"; "none" leaves them out). */
export function selectedEngines(): EngineFactory[] {
  const names = (process.env.BENCH_ENGINES ?? 'minisearch,orama').split(',').map((n) => n.trim()).filter((n) => n && n !== 'none');
  for (const name of names) if (!inProcessEngines.some((e) => e.name === name)) throw new Error(`unknown engine ${name} (BENCH_ENGINES: minisearch,orama or none)`);
  return inProcessEngines.filter((e) => names.includes(e.name));
}
