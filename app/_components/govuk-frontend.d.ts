// govuk-frontend 6 ships JSDoc-annotated JavaScript but no .d.ts files.
// Only what this app uses.
declare module 'govuk-frontend' {
  export function initAll(
    scopeOrConfig?:
      | Element
      | Document
      | null
      | {
          scope?: Element | Document | null;
          onError?: (error: unknown, context: unknown) => void;
          [component: string]: unknown;
        },
  ): void;
  export function isSupported(scope?: HTMLElement | null): boolean;
  export const version: string;
}
