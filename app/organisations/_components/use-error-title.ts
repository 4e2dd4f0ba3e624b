'use client';

import { useEffect } from 'react';

/**
 * GOV.UK pattern: a page showing errors has "Error: " at the start of its title, so screen reader users
 * hear at once that something needs fixing. For forms whose errors come back from a server action.
 */
export function useErrorTitle(hasErrors: boolean) {
  useEffect(() => {
    const plain = document.title.replace(/^Error: /, '');
    document.title = hasErrors ? `Error: ${plain}` : plain;
  }, [hasErrors]);
}
