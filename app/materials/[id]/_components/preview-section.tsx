import { Details, InsetText } from '@/app/_components/govuk';
import type { MaterialPreview, PreviewView } from '@/lib/material-previews/get-material-preview';

/**
 * The "Preview" section of the material page: what the file looks like, without downloading it and
 * without JavaScript. Page pictures come with their text (in a details under each), documents as
 * their sanitised HTML in a labelled region, spreadsheets as tables, presentations as an outline.
 */
export function PreviewSection({ preview, title }: { preview: MaterialPreview; title: string }) {
  return (
    <section aria-labelledby="preview-heading">
      <h2 className="govuk-heading-m" id="preview-heading">
        Preview
      </h2>
      {preview.status === 'waiting' ? (
        <p className="govuk-body">We are making a preview of this file. Refresh the page in a minute.</p>
      ) : preview.status === 'none' ? (
        <>
          <p className="govuk-body">{preview.message}</p>
          {/* The library's unsupported message already says so. */}
          {preview.message.includes('download the file') ? null : <p className="govuk-body">You can still download the file.</p>}
        </>
      ) : (
        <>
          {preview.notice ? <InsetText>{preview.notice}</InsetText> : null}
          <PreviewBody view={preview.view} title={title} />
        </>
      )}
    </section>
  );
}

function PreviewBody({ view, title }: { view: PreviewView; title: string }) {
  switch (view.kind) {
    case 'pages': {
      const noun = view.source === 'slides' ? 'Slide' : 'Page';
      return (
        <ol className="app-preview-pages" aria-label={`${noun}s of ${title}`}>
          {view.pages.map((page) => (
            <li key={page.number} className="app-preview-pages__page">
              {/* The page's words are in the details below: the alt names the page, not its content.
                  A plain img: next/image would fetch it server-side without the viewer's session. */}
              {/* eslint-disable-next-line @next/next/no-img-element */}
              <img
                className="app-preview-pages__picture"
                src={page.url}
                alt={`${noun} ${page.number} of ${view.pageCount}`}
                width={page.width}
                height={page.height}
                loading={page.number > 1 ? 'lazy' : undefined}
              />
              <Details summary={`Text of ${noun.toLowerCase()} ${page.number}`}>
                {page.text.trim() ? (
                  page.text
                    .split(/\n{2,}/)
                    .map((paragraph, index) => (
                      <p key={index} className="govuk-body app-preview-pages__text">
                        {paragraph}
                      </p>
                    ))
                ) : (
                  <p className="govuk-body">This {noun.toLowerCase()} has no text.</p>
                )}
              </Details>
            </li>
          ))}
        </ol>
      );
    }
    case 'html':
      return (
        // A region of its own, labelled, focusable so keyboard users can scroll it (WCAG 2.1.1; axe's
        // scrollable-region-focusable); the HTML was sanitised to an allow-list when the preview was
        // made (lib/previews/sanitise-html.ts).
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        <div className="app-preview-document" role="region" aria-label={`Preview of ${title}`} tabIndex={0}>
          <div className="app-preview-document__content" dangerouslySetInnerHTML={{ __html: view.html }} />
        </div>
      );
    case 'sheets':
      return (
        <>
          {view.sheets.map((sheet, index) => (
            <div key={index} className="app-preview-sheet">
              <h3 className="govuk-heading-s">{view.sheets.length > 1 ? `Sheet ${index + 1}: ${sheet.name}` : sheet.name}</h3>
              <p className="govuk-body-s">{sheet.summary}</p>
              {/* Focusable so keyboard users can scroll a wide table (see the document region above). */}
              {/* eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex */}
              <div className="app-preview-sheet__table" role="region" aria-label={`Table: ${sheet.name}`} tabIndex={0} dangerouslySetInnerHTML={{ __html: sheet.html }} />
            </div>
          ))}
        </>
      );
    case 'outline':
      return (
        <ol className="govuk-list govuk-list--number app-preview-outline" aria-label={`Slides of ${title}`}>
          {view.slides.map((slide) => (
            <li key={slide.number}>
              <p className="govuk-body govuk-!-font-weight-bold govuk-!-margin-bottom-1">{slide.title || `Slide ${slide.number}`}</p>
              {slide.paragraphs.length ? (
                <ul className="govuk-list govuk-list--bullet">
                  {slide.paragraphs.map((paragraph, index) => (
                    <li key={index}>{paragraph}</li>
                  ))}
                </ul>
              ) : null}
            </li>
          ))}
        </ol>
      );
    case 'image':
      return (
        // eslint-disable-next-line @next/next/no-img-element
        <img
          className="app-preview-image"
          src={view.picture.url}
          alt={title}
          width={view.picture.width}
          height={view.picture.height}
        />
      );
  }
}
