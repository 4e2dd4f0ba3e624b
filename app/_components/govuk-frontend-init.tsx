'use client';

import { useEffect } from 'react';

/** True for an element that is, or contains, a GOV.UK Frontend component not yet initialised. */
function hasUninitialisedModule(node: Node): boolean {
  if (!(node instanceof Element)) return false;
  const candidates = node.matches('[data-module]') ? [node] : [];
  candidates.push(...node.querySelectorAll('[data-module]'));
  return candidates.some((element) => !element.hasAttribute(`data-${element.getAttribute('data-module')}-init`));
}

/**
 * Runs GOV.UK Frontend's JavaScript (error summary focus, conditional reveals,
 * service navigation menu…) once the page has hydrated, and again whenever
 * React adds components to the page: client-side navigation, or a server
 * action re-rendering a form with an error summary. Renders nothing.
 *
 * GOV.UK Frontend marks each initialised element (`data-<module>-init`) and
 * refuses to initialise it twice; those refusals are expected and ignored.
 */
export function GovukFrontendInit() {
  useEffect(() => {
    let cancelled = false;
    let observer: MutationObserver | undefined;

    void import('govuk-frontend').then(({ initAll }) => {
      if (cancelled) return;
      const init = () =>
        initAll({
          onError(error) {
            if (error instanceof Error && error.name === 'InitError') return;
            console.error(error);
          },
        });
      init();

      let scheduled = false;
      observer = new MutationObserver((mutations) => {
        if (scheduled) return;
        if (!mutations.some((mutation) => Array.from(mutation.addedNodes).some(hasUninitialisedModule))) return;
        scheduled = true;
        // Wait a frame so React finishes committing the new content.
        requestAnimationFrame(() => {
          scheduled = false;
          if (!cancelled) init();
        });
      });
      observer.observe(document.body, { childList: true, subtree: true });
    });

    return () => {
      cancelled = true;
      observer?.disconnect();
    };
  }, []);

  return null;
}
