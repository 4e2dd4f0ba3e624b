import type { Metadata } from 'next';
import { connection } from 'next/server';
import { SupportContact } from '@/app/_components/support-contact';
import { siteInfo } from '@/lib/site/site-info';

export const metadata: Metadata = { title: 'Accessibility statement' };

/** The accessibility statement, in the GOV.UK model form, naming what is known not to be accessible. */
export default async function AccessibilityPage() {
  await connection();
  const site = siteInfo();
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <h1 className="govuk-heading-l">Accessibility statement for Discovery Commons</h1>
        <p className="govuk-body">
          This accessibility statement applies to Discovery Commons, where council teams share the research and materials
          from their Discovery phases. This website is run by {site.operator}. We want as many people as possible to be able
          to use it. For example, that means you should be able to:
        </p>
        <ul className="govuk-list govuk-list--bullet">
          <li>change colours, contrast levels and fonts using browser or device settings</li>
          <li>zoom in up to 400% without the text spilling off the screen</li>
          <li>navigate most of the website using a keyboard or speech recognition software</li>
          <li>listen to most of the website using a screen reader</li>
          <li>use every page with JavaScript turned off</li>
        </ul>
        <p className="govuk-body">We have also made the text as simple as possible to understand.</p>
        <p className="govuk-body">
          <a className="govuk-link" href="https://mcmw.abilitynet.org.uk/">
            AbilityNet
          </a>{' '}
          has advice on making your device easier to use if you have a disability.
        </p>

        <h2 className="govuk-heading-m">How accessible this website is</h2>
        <p className="govuk-body">We know some parts of this website are not fully accessible:</p>
        <ul className="govuk-list govuk-list--bullet">
          <li>
            many of the shared materials are documents made by councils (PDF, Word, PowerPoint, Excel and others), and some
            of them are not accessible: for example, scanned pages without text, slides without text alternatives for
            pictures, or spreadsheets without headings
          </li>
          <li>some older formats (DOC, XLS, PPT, RTF) can only be downloaded, and open only in software that reads them</li>
          <li>previews of slides and pages are pictures of the document: use the downloaded file with assistive technology</li>
          <li>some long lists of filters on the search page scroll inside a box, which can be awkward with screen magnifiers</li>
        </ul>

        <h2 className="govuk-heading-m">Feedback and contact information</h2>
        <p className="govuk-body">
          If you need a shared material in a different format, such as accessible PDF, large print or plain text, ask the
          council that shared it: each council’s page names the people who look after its space. If they cannot help, <SupportContact site={site} />.
        </p>

        <h2 className="govuk-heading-m">Reporting accessibility problems with this website</h2>
        <p className="govuk-body">
          We are always looking to improve the accessibility of this website. If you find any problems not listed on this
          page or think we are not meeting accessibility requirements, <SupportContact site={site} />.
        </p>

        <h2 className="govuk-heading-m">Enforcement procedure</h2>
        <p className="govuk-body">
          The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector Bodies (Websites
          and Mobile Applications) (No. 2) Accessibility Regulations 2018 (the ‘accessibility regulations’). If you are
          not happy with how we respond to your complaint,{' '}
          <a className="govuk-link" href="https://www.equalityadvisoryservice.com/">
            contact the Equality Advisory and Support Service (EASS)
          </a>
          .
        </p>

        <h2 className="govuk-heading-m">Technical information about this website’s accessibility</h2>
        <p className="govuk-body">
          {site.operatorNamed ? site.operator : 'The organisation that runs this hub'} is committed to making its website
          accessible, in accordance with the Public Sector Bodies (Websites and Mobile Applications) (No. 2) Accessibility
          Regulations 2018.
        </p>
        <h3 className="govuk-heading-s">Compliance status</h3>
        <p className="govuk-body">
          This website is partially compliant with the{' '}
          <a className="govuk-link" href="https://www.w3.org/TR/WCAG22/">
            Web Content Accessibility Guidelines version 2.2
          </a>{' '}
          AA standard, due to the non-compliances listed below.
        </p>

        <h2 className="govuk-heading-m">Non-accessible content</h2>
        <p className="govuk-body">The content listed below is non-accessible for the following reasons.</p>
        <h3 className="govuk-heading-s">Non-compliance with the accessibility regulations</h3>
        <p className="govuk-body">
          Some shared documents do not meet WCAG 2.2 success criteria such as 1.1.1 (non-text content), 1.3.1 (info and
          relationships) and 2.4.2 (page titled). When a council shares a material, the hub checks the file and tells them
          about some of these problems, but it cannot fix a document for them. We ask councils to share accessible
          versions, and to replace a file when they have one.
        </p>
        <h3 className="govuk-heading-s">Content that’s not within the scope of the accessibility regulations</h3>
        <p className="govuk-body">
          The regulations do not require us to fix PDFs or other documents published before 23 September 2018 if they are
          not essential to providing our services. Some shared materials are older than that.
        </p>

        <h2 className="govuk-heading-m">What we’re doing to improve accessibility</h2>
        <p className="govuk-body">
          Every page is tested automatically with axe in each release, by keyboard, and with JavaScript turned off. We
          check shared files for common accessibility problems when they are uploaded and tell the council what we found.
        </p>

        <h2 className="govuk-heading-m">Preparation of this accessibility statement</h2>
        <p className="govuk-body">
          This statement was prepared on 2 December 2026. The website was last tested on 2 December 2026, by the team that
          builds it, using automated checks (axe) on every page, keyboard-only use and use without JavaScript.
        </p>
      </div>
    </div>
  );
}
