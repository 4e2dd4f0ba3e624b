import type { Metadata } from 'next';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { BackLink, Button, ErrorSummary, TextInput } from '@/app/_components/govuk';
import { FollowButton } from '@/app/_components/follow-button';
import { searchNameLimit } from '@/lib/following/follow-words';
import { findFollow } from '@/lib/following/list-follows';
import { savedSearchHref, savedSearchTarget } from '@/lib/following/saved-search';
import { errorsByField, loadFormAttempt } from '@/lib/forms/form-attempts';
import { services } from '@/lib/runtime';
import { currentViewer } from '@/lib/sign-in/current-viewer';
import { labelOf, vocabularies } from '@/lib/taxonomy/vocabularies';

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? '';

export async function generateMetadata({ searchParams }: Props): Promise<Metadata> {
  const { attempt, topic } = await searchParams;
  const title = one(topic) ? 'Follow a service area' : 'Follow this search';
  return { title: typeof attempt === 'string' ? `Error: ${title}` : title };
}

/**
 * Following from the search page: `?search=<the search's query string>` asks for a name for the
 * search; `?topic=<slug>` offers the service area's Follow button. Linked from /search (a link, since
 * the search page is itself one GET form). Signed in only.
 */
export default async function FollowNewPage({ searchParams }: Props) {
  await connection();
  const raw = await searchParams;
  const viewer = await currentViewer();
  const self = `/following/new?${new URLSearchParams(Object.entries(raw).flatMap(([k, v]) => (k === 'attempt' ? [] : [[k, one(v)]])))}`;
  if (viewer.kind === 'anonymous') redirect(`/sign-in?callbackUrl=${encodeURIComponent(self)}`);
  const hub = await services();

  const topic = one(raw.topic);
  const topics = vocabularies().topics;
  if (topic && topics.some((t) => t.slug === topic)) {
    const label = labelOf(topics, topic);
    const followId = await findFollow(hub, viewer, 'topic', topic);
    return (
      <div className="govuk-grid-row">
        <div className="govuk-grid-column-two-thirds">
          <BackLink href={`/search?topic=${encodeURIComponent(topic)}`}>Back to the search</BackLink>
          <span className="govuk-caption-l">Service area</span>
          <h1 className="govuk-heading-l">{label}</h1>
          <FollowButton viewer={viewer} kind="topic" target={topic} followId={followId} label={label} returnTo="/account/following" />
        </div>
      </div>
    );
  }

  const attempt = await loadFormAttempt(hub, viewer, 'follow-search', '', raw.attempt);
  const target = savedSearchTarget(String(attempt?.values.target ?? one(raw.search)));
  const errors = errorsByField(attempt);
  const backHref = savedSearchHref(target);
  return (
    <div className="govuk-grid-row">
      <div className="govuk-grid-column-two-thirds">
        <BackLink href={backHref}>Back to the search</BackLink>
        {attempt?.errors.length ? <ErrorSummary errors={attempt.errors.map((e) => ({ href: `#${e.field}`, text: e.message }))} /> : null}
        <h1 className="govuk-heading-l">Follow this search</h1>
        <p className="govuk-body">
          You will get an email when new materials match{' '}
          <a className="govuk-link" href={backHref}>
            this search
          </a>
          , as often as you choose on the page that lists what you follow.
        </p>
        <form method="post" action="/following/follow" noValidate>
          <input type="hidden" name="kind" value="search" />
          <input type="hidden" name="target" value={target} />
          <input type="hidden" name="returnTo" value="/account/following?saved=search" />
          <TextInput
            id="name"
            name="name"
            label="Name this search"
            labelClassName="govuk-label--m"
            hint={`So you know it in your emails. For example, ‘Bin collection research’. ${searchNameLimit} characters or fewer.`}
            defaultValue={typeof attempt?.values.name === 'string' ? attempt.values.name : ''}
            error={errors.name}
            maxLength={searchNameLimit}
            autoComplete="off"
          />
          <Button preventDoubleClick>Follow this search</Button>
        </form>
      </div>
    </div>
  );
}
