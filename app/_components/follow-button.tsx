import { Button } from '@/app/_components/govuk';
import type { Viewer } from '@/lib/auth/viewer';
import type { FollowKind } from '@/lib/following/follow-words';

export interface FollowButtonProps {
  viewer: Viewer;
  kind: FollowKind;
  /** What the form posts: a council's slug, a service area's slug. */
  target: string;
  /** The follow's id when the viewer already follows it. */
  followId: string | null;
  /** What is followed, for the button's words ("Follow Bristol City Council"). */
  label: string;
  /** This page, to come back to. */
  returnTo: string;
}

/**
 * Follow / Unfollow for a council or a service area: a plain form, so it works without JavaScript.
 * Someone signed out gets a link to sign in and come back. What may be followed is decided by
 * lib/following, not here.
 */
export function FollowButton({ viewer, kind, target, followId, label, returnTo }: FollowButtonProps) {
  if (viewer.kind !== 'user') {
    return (
      <p className="govuk-body">
        <a className="govuk-link" href={`/sign-in?callbackUrl=${encodeURIComponent(returnTo)}`}>
          Sign in to follow {label}
        </a>{' '}
        and get an email when there is something new.
      </p>
    );
  }
  if (followId) {
    return (
      <form method="post" action={`/following/${followId}/unfollow`} className="govuk-!-margin-bottom-6">
        <input type="hidden" name="returnTo" value={returnTo} />
        <p className="govuk-body">
          You follow {label}. <a className="govuk-link" href="/account/following">Manage what you follow</a>
        </p>
        <Button variant="secondary" className="govuk-!-margin-bottom-0">
          Unfollow<span className="govuk-visually-hidden"> {label}</span>
        </Button>
      </form>
    );
  }
  return (
    <form method="post" action="/following/follow" className="govuk-!-margin-bottom-6">
      <input type="hidden" name="kind" value={kind} />
      <input type="hidden" name="target" value={target} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <Button variant="secondary" className="govuk-!-margin-bottom-0">
        Follow<span className="govuk-visually-hidden"> {label}</span>
      </Button>
      <p className="govuk-hint govuk-!-margin-top-2">Get an email when there are new materials. You choose how often.</p>
    </form>
  );
}
