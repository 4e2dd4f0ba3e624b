import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Table } from '@/app/_components/govuk';
import { apiBasePath, openApiDocument } from '@/lib/api/openapi-document';
import { problemCodes, problemMeanings, problemStatus } from '@/lib/api/problem';
import { apiReference } from '@/lib/api/reference/api-reference';
import { siteAddress } from '@/lib/open-data/site-address';
import { OperationSection } from './_components/operation-section';
import { SchemaSection } from './_components/schema-section';

export const metadata: Metadata = { title: 'API for developers' };

/**
 * The API's reference, for developers at councils and national bodies who connect their own systems:
 * generated from the OpenAPI document the API serves (lib/api/reference), so it can never say
 * something the API does not do. Server-rendered, no JavaScript.
 */
export default async function DevelopersPage() {
  await connection();
  const reference = apiReference(openApiDocument(siteAddress()));
  const example = `${reference.serverUrl}/search?q=journey+map&phase=discovery`;
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-full">
        <h1 className="govuk-heading-xl">API for developers</h1>
        <div className="govuk-grid-row">
          <div className="govuk-grid-column-two-thirds">
            <p className="govuk-body-l">
              Connect your own systems to Discovery Commons: search materials, read their details and download their files,
              follow councils’ projects and their updates, and take Discovery kits whole, with the same rules as the website.
            </p>
            <p className="govuk-body">
              To read, you do not need a key: without one you see what anyone may see on the website. With a personal API
              token (make one on <a className="govuk-link" href="/account/api-tokens">your account page</a>, send it as{' '}
              <code>Authorization: Bearer</code>), or from a browser signed in to the hub, you see what that person sees.
              Each token and each network address may make a limited number of requests a minute: every answer says how many
              are left in its <code>RateLimit</code> header. Answers are JSON; errors are{' '}
              <a className="govuk-link" href="#problems">problem details</a>.
            </p>
            <p className="govuk-body">
              The full description, for tools that read OpenAPI 3.1, is at{' '}
              <a className="govuk-link" href={`${apiBasePath}/openapi.json`}>
                {apiBasePath}/openapi.json
              </a>
              . This page is made from it.
            </p>
            <h2 className="govuk-heading-l">Try it</h2>
            <pre className="app-code-block">
              <code>curl &apos;{example}&apos;</code>
            </pre>
            <h2 className="govuk-heading-m">Sharing and changing materials</h2>
            <p className="govuk-body">
              With a <strong>read and write</strong> token you can share a material with its file, change its details,
              upload a new version of its file, withdraw it and publish it: what you could do on the website, with the same
              checks. Writes only take a token in the <code>Authorization</code> header, never the website’s sign-in, so
              another website cannot make your browser change things. A read-only token gets <code>403</code>.
            </p>
            <p className="govuk-body">
              A material shared through the API is a draft, seen only by your council, until its file has been checked and
              you publish it, as on the website. Files are sent as <code>multipart/form-data</code> with the file last;
              details as JSON. Anything not right is refused with a problem naming each field, and nothing is kept.
            </p>
            <pre className="app-code-block">
              <code>
                {`curl -H 'Authorization: Bearer dc_…' \
  -F title='Journey map' -F phases=discovery -F artefactType=journey-map \
  -F kind=template -F visibility=organisation -F file=@map.pdf \
  ${reference.serverUrl}/materials`}
              </code>
            </pre>
            <h2 className="govuk-heading-m">Pages of results</h2>
            <p className="govuk-body">
              Lists come a page at a time. When there is more, the answer’s <code>next</code> is a cursor: ask again with
              the same parameters and <code>cursor</code> set to it (or follow <code>nextUrl</code>). A cursor only works
              with the parameters it came with.
            </p>
            <h2 className="govuk-heading-m">Asking again</h2>
            <p className="govuk-body">
              Answers that are not personal carry an <code>ETag</code>. Send it back in <code>If-None-Match</code> and, if
              nothing has changed, you get <code>304 Not Modified</code> with no body.
            </p>
            <h2 className="govuk-heading-m">Feeds and open data</h2>
            <p className="govuk-body">
              To follow what is new without a program of your own, use the Atom feeds: of any search (
              <code>/search/feed</code>, with the search page’s parameters), of a council (<code>/organisations/&lt;slug&gt;/feed</code>),
              of public projects (<code>/projects/feed</code>, with the projects page’s filters) and of one public project’s
              updates (<code>/projects/&lt;id&gt;/feed</code>). Each page with a feed names it in its head. Feeds, the{' '}
              <a className="govuk-link" href="/catalog.jsonld">
                data catalogue
              </a>{' '}
              (DCAT, also as <a className="govuk-link" href="/catalog.ttl">Turtle</a>) and the sitemap hold public things only,
              whoever asks.
            </p>
            <h2 className="govuk-heading-m">Contents</h2>
            <ul className="govuk-list">
              {reference.groups.map((group) => (
                <li key={group.tag}>
                  <a className="govuk-link" href={`#${group.operations[0]?.id ?? ''}`}>
                    {group.tag}
                  </a>
                </li>
              ))}
              <li>
                <a className="govuk-link" href="#problems">
                  Problems
                </a>
              </li>
              <li>
                <a className="govuk-link" href="#data-shapes">
                  Data shapes
                </a>
              </li>
            </ul>
          </div>
        </div>

        {reference.groups.map((group) => (
          <section key={group.tag} aria-labelledby={`group-${group.operations[0]?.id}`}>
            <h2 className="govuk-heading-l" id={`group-${group.operations[0]?.id}`}>
              {group.tag}
            </h2>
            <p className="govuk-body">{group.description}</p>
            {group.operations.map((operation) => (
              <OperationSection key={operation.id} operation={operation} apiPath={apiBasePath} />
            ))}
          </section>
        ))}

        <h2 className="govuk-heading-l" id="problems">
          Problems
        </h2>
        <p className="govuk-body">
          Errors come as <code>application/problem+json</code> (RFC 9457): <code>status</code>, a short <code>title</code>,
          a <code>detail</code> in plain words, and for a bad request the <code>errors</code> of each parameter. Their{' '}
          <code>type</code> links here.
        </p>
        <Table
          caption="Kinds of problem"
          columns={[{ header: 'Type' }, { header: 'Status' }, { header: 'When' }]}
          rowHeaders
          rows={problemCodes.map((code) => ({
            key: code,
            cells: [
              <code key="type" id={`problem-${code}`}>
                {code}
              </code>,
              String(problemStatus(code)),
              problemMeanings[code],
            ],
          }))}
        />

        <h2 className="govuk-heading-l" id="data-shapes">
          Data shapes
        </h2>
        {reference.schemas.map((schema) => (
          <SchemaSection key={schema.name} schema={schema} />
        ))}
      </div>
    </div>
  );
}
