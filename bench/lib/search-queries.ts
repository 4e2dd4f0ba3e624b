/** The search benchmarks' query mix (bench/search-latency.ts, bench/search-profile.ts). */

/**
 * What people search for: the query strings of /search URLs, parsed by the page's own parser
 * (parseSearchParams), so each becomes exactly the SearchQuery the page would run.
 */
export const queries: string[] = [
  'q=user+research+plan',
  'q=consent',
  'q=bin+collection',
  'q=discussion+guide',
  'q=housing+repairs',
  '', // browse: everything, newest first
  'q=discovery', // a word in a large share of materials: the most rows to rank
  'q=%22journey+map%22', // a phrase
  'q=accessibility+-persona', // an exclusion
  'q=recruitment+or+screener', // either word
  'q=persona&kind=template',
  'q=consent&phase=discovery',
  'q=discussion+guide&topic=housing',
  'q=user+research+plan&phase=discovery&type=research-plan',
  'q=show+and+tell&sort=newest',
  'q=council+tax&topic=council-tax&licence=OGL-UK-3.0',
  'phase=discovery',
  'topic=housing',
  'council=bristol',
  'phase=discovery&phase=alpha&topic=housing&topic=adult-social-care',
  'page=2', // browse, second page
  'q=research&page=2',
  // Words and phrases that occur only inside the files' text (with BENCH_TEXT), a typo and a filter.
  'q=kanban',
  'q=tree+preservation+orders',
  'q=golden+record',
  'q=%22how+you+know+discovery+is+finished%22',
  'q=%22problem+statement%22',
  'q=recyclng', // a typo: nothing found, so "did you mean" runs too
  'q=pesonas',
  'q=qualtrics&phase=discovery',
];
