'use client';

import { useEffect } from 'react';

type ComponentClass = new (element: Element) => unknown;

/**
 * Each GOV.UK Frontend component the hub uses, loaded on its own only when a page has one: a page
 * sends only the JavaScript it needs (a search results page has no error summary or radios). A
 * component not listed here falls back to the whole library (`initAll`).
 */
const loaders: Record<string, () => Promise<ComponentClass>> = {
  'govuk-button': () => import('govuk-frontend/dist/govuk/components/button/button.mjs').then((m) => m.Button),
  'govuk-checkboxes': () => import('govuk-frontend/dist/govuk/components/checkboxes/checkboxes.mjs').then((m) => m.Checkboxes),
  'govuk-radios': () => import('govuk-frontend/dist/govuk/components/radios/radios.mjs').then((m) => m.Radios),
  'govuk-error-summary': () => import('govuk-frontend/dist/govuk/components/error-summary/error-summary.mjs').then((m) => m.ErrorSummary),
  'govuk-notification-banner': () =>
    import('govuk-frontend/dist/govuk/components/notification-banner/notification-banner.mjs').then((m) => m.NotificationBanner),
  'govuk-skip-link': () => import('govuk-frontend/dist/govuk/components/skip-link/skip-link.mjs').then((m) => m.SkipLink),
  'govuk-service-navigation': () =>
    import('govuk-frontend/dist/govuk/components/service-navigation/service-navigation.mjs').then((m) => m.ServiceNavigation),
  'govuk-file-upload': () => import('govuk-frontend/dist/govuk/components/file-upload/file-upload.mjs').then((m) => m.FileUpload),
};

/** The elements of a GOV.UK Frontend component not yet initialised (it marks each with `data-<module>-init`). */
function uninitialised(root: ParentNode): Element[] {
  return Array.from(root.querySelectorAll('[data-module]')).filter(
    (element) => !element.hasAttribute(`data-${element.getAttribute('data-module')}-init`),
  );
}

function hasUninitialisedModule(node: Node): boolean {
  if (!(node instanceof Element)) return false;
  if (node.matches('[data-module]') && !node.hasAttribute(`data-${node.getAttribute('data-module')}-init`)) return true;
  return uninitialised(node).length > 0;
}

/**
 * GOV.UK Frontend only runs where the body says the browser supports it. The layout's inline snippet
 * sets these classes before the page is shown, but React may render the body again (a "Page not found"
 * rendered in the browser does), dropping them: set them again before initialising anything.
 */
function markBody() {
  const body = document.body;
  body.classList.add('js-enabled');
  if ('noModule' in HTMLScriptElement.prototype) body.classList.add('govuk-frontend-supported');
}

function report(error: unknown) {
  // An element already initialised refuses a second time: expected, ignored.
  if (error instanceof Error && error.name === 'InitError') return;
  console.error(error);
}

async function initialise(): Promise<void> {
  markBody();
  const elements = uninitialised(document);
  const names = new Set(elements.map((element) => element.getAttribute('data-module') ?? ''));
  if ([...names].some((name) => !loaders[name])) {
    const { initAll } = await import('govuk-frontend');
    initAll({ onError: report });
    return;
  }
  await Promise.all(
    [...names].map(async (name) => {
      const Component = await loaders[name]!();
      for (const element of elements) {
        if (element.getAttribute('data-module') !== name) continue;
        try {
          new Component(element);
        } catch (error) {
          report(error);
        }
      }
    }),
  );
}

/**
 * Runs GOV.UK Frontend's JavaScript (error summary focus, conditional reveals, double-click
 * prevention…) once the page has hydrated, and again whenever React adds components to the page:
 * client-side navigation, or a form re-rendered with an error summary. Renders nothing.
 */
export function GovukFrontendInit() {
  useEffect(() => {
    let cancelled = false;
    let scheduled = false;
    const run = () => void initialise().catch(report);
    run();
    const observer = new MutationObserver((mutations) => {
      if (scheduled) return;
      if (!mutations.some((mutation) => Array.from(mutation.addedNodes).some(hasUninitialisedModule))) return;
      scheduled = true;
      // Wait a frame so React finishes committing the new content.
      requestAnimationFrame(() => {
        scheduled = false;
        if (!cancelled) run();
      });
    });
    observer.observe(document.body, { childList: true, subtree: true });
    return () => {
      cancelled = true;
      observer.disconnect();
    };
  }, []);

  return null;
}
