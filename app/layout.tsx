import type { Metadata, Viewport } from 'next';
import type { ReactNode } from 'react';
import './globals.scss';
import { GovukFrontendInit } from './_components/govuk-frontend-init';
import { SiteNavigation } from './_components/site-navigation';
import { headers } from 'next/headers';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { pageAddressFrom, PAGE_ADDRESS_HEADER } from '@/lib/http/page-address';
import { SiteFooterLinks } from './_components/site-footer-links';

export const metadata: Metadata = {
  title: {
    template: '%s – Discovery Commons',
    default: 'Discovery Commons',
  },
  description: 'Discovery Commons: UK council teams share the research and materials from their Discovery phases.',
};

export const viewport: Viewport = {
  themeColor: '#1d70b8',
};

// GOV.UK Frontend's template snippet: marks the body so its CSS and JavaScript
// know JavaScript is running and the browser supports ES modules.
const JS_ENABLED_SNIPPET =
  "document.body.className += ' js-enabled' + ('noModule' in HTMLScriptElement.prototype ? ' govuk-frontend-supported' : '');";

const OGL_URL = 'https://www.nationalarchives.gov.uk/doc/open-government-licence/version/3/';

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Who is signed in, read on the server for each request (lib/sign-in/current-viewer.ts).
  const signedIn = (await currentViewer()).kind === 'user';
  // The page's address, from proxy.ts: for the navigation's current link and "Sign in" coming back here.
  const page = pageAddressFrom((await headers()).get(PAGE_ADDRESS_HEADER));
  return (
    <html lang="en" className="govuk-template">
      {/* The snippet below changes the body's classes before React hydrates. */}
      <body className="govuk-template__body" suppressHydrationWarning>
        <script dangerouslySetInnerHTML={{ __html: JS_ENABLED_SNIPPET }} />
        <a href="#main-content" className="govuk-skip-link" data-module="govuk-skip-link">
          Skip to main content
        </a>

        <header className="govuk-template__header">
          {/* GOV.UK Frontend's generic header: no GOV.UK crown or logotype outside GOV.UK. */}
          <div className="govuk-generic-header">
            <div className="govuk-generic-header__container govuk-width-container">
              <div className="govuk-generic-header__logo">
                <a href="/" className="govuk-generic-header__homepage-link">
                  Discovery Commons
                </a>
              </div>
            </div>
          </div>
          <SiteNavigation signedIn={signedIn} page={page} />
          {/* Inside the header (a landmark), so every piece of the page belongs to one. */}
          <div className="govuk-width-container">
            <div className="govuk-phase-banner">
              <p className="govuk-phase-banner__content">
                <strong className="govuk-tag govuk-phase-banner__content__tag">Beta</strong>
                <span className="govuk-phase-banner__text">
                  This is a new service. Your{' '}
                  <a className="govuk-link" href="/feedback">
                    feedback
                  </a>{' '}
                  will help us to improve it.
                </span>
              </p>
            </div>
          </div>
        </header>

        <div className="govuk-width-container">
          <main className="govuk-main-wrapper" id="main-content">
            {children}
          </main>
        </div>

        <footer className="govuk-template__footer">
          <div className="govuk-footer">
            <div className="govuk-width-container">
              <div className="govuk-footer__meta">
                <div className="govuk-footer__meta-item govuk-footer__meta-item--grow">
                  <SiteFooterLinks />
                  <div className="govuk-footer__meta-custom">
                    Materials are shared by councils under the licence shown on each material.
                  </div>
                  <svg
                    aria-hidden="true"
                    focusable="false"
                    className="govuk-footer__licence-logo"
                    xmlns="http://www.w3.org/2000/svg"
                    viewBox="0 0 483.2 195.7"
                    height="17"
                    width="41"
                  >
                    <path
                      fill="currentColor"
                      d="M421.5 142.8V.1l-50.7 32.3v161.1h112.4v-50.7zm-122.3-9.6A47.12 47.12 0 0 1 221 97.8c0-26 21.1-47.1 47.1-47.1 16.7 0 31.4 8.7 39.7 21.8l42.7-27.2A97.63 97.63 0 0 0 268.1 0c-36.5 0-68.3 20.1-85.1 49.7A98 98 0 0 0 97.8 0C43.9 0 0 43.9 0 97.8s43.9 97.8 97.8 97.8c36.5 0 68.3-20.1 85.1-49.7a97.76 97.76 0 0 0 149.6 25.4l19.4 22.2h3v-87.8h-80l24.3 27.5zM97.8 145c-26 0-47.1-21.1-47.1-47.1s21.1-47.1 47.1-47.1 47.2 21 47.2 47S123.8 145 97.8 145"
                    />
                  </svg>
                  <span className="govuk-footer__licence-description">
                    The hub’s own text is available under the{' '}
                    <a className="govuk-footer__link" href={OGL_URL} rel="license">
                      Open Government Licence v3.0
                    </a>
                    , except where otherwise stated
                  </span>
                </div>
              </div>
            </div>
          </div>
        </footer>

        <GovukFrontendInit />
      </body>
    </html>
  );
}
