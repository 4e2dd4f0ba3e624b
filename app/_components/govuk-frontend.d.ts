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

// Single components, loaded one by one (govuk-frontend-init.tsx).
declare module 'govuk-frontend/dist/govuk/components/*.mjs' {
  type ComponentClass = new (element: Element) => unknown;
  export const Button: ComponentClass;
  export const Checkboxes: ComponentClass;
  export const Radios: ComponentClass;
  export const ErrorSummary: ComponentClass;
  export const NotificationBanner: ComponentClass;
  export const SkipLink: ComponentClass;
  export const ServiceNavigation: ComponentClass;
  export const FileUpload: ComponentClass;
}
