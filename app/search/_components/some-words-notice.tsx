import type { SearchSort } from '@/lib/search/search-engine';

/**
 * Said when few materials had every word typed and materials with some of the words were added
 * (lib/search/index.ts), so nobody mistakes a partial match for what they asked.
 */
export function SomeWordsNotice({ allWordsTotal, sort }: { allWordsTotal: number; sort: SearchSort }) {
  const first = sort === 'relevance' ? ' They come first.' : '';
  return (
    <div className="govuk-inset-text" data-testid="some-words">
      {allWordsTotal === 0
        ? 'No materials have all of your words. These have some of them.'
        : `Only ${allWordsTotal} ${allWordsTotal === 1 ? 'material has' : 'materials have'} all of your words.${first} The others have some of them.`}
    </div>
  );
}
