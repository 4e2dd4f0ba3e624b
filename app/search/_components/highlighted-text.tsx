import { Fragment } from 'react';
import type { HighlightedText as Segments } from '@/lib/search/search-engine';

/**
 * Text with the words a search matched in `<mark>`. Segments are plain text, rendered by React (and so
 * escaped): a title such as `<img src=x onerror=alert(1)>` shows as those characters.
 */
export function HighlightedText({ segments }: { segments: Segments }) {
  return (
    <>
      {segments.map((segment, index) =>
        segment.matched ? <mark key={index}>{segment.text}</mark> : <Fragment key={index}>{segment.text}</Fragment>,
      )}
    </>
  );
}
