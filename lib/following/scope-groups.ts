import { visibilityScopeKey } from '@/lib/auth/permissions';
import type { Viewer } from '@/lib/auth/viewer';
import type { PublishedPeriod } from '@/lib/search/search-engine';

/**
 * Requests from many followers, grouped by who they are asked as and over which period, so each group
 * is one query whatever the number of followers in it. Two viewers with the same visibilityScopeKey
 * see exactly the same things (lib/auth/permissions/following.ts), so one of them stands for all.
 * `extraKey` splits groups further where the answer depends on more than visibility (a council's own
 * projects, for "a project like yours").
 */
export interface ScopeGroup<T> {
  viewer: Viewer;
  period: { after: string; upTo: string };
  members: T[];
}

export function groupByScope<T extends { request: { viewer: Viewer; period: PublishedPeriod } }>(members: T[], extraKey: (member: T) => string = () => ''): ScopeGroup<T>[] {
  const groups = new Map<string, ScopeGroup<T>>();
  for (const member of members) {
    const { viewer, period } = member.request;
    const after = period.after ?? new Date(0).toISOString();
    const upTo = period.upTo ?? new Date().toISOString();
    const key = [visibilityScopeKey(viewer), extraKey(member), after, upTo].join('\u0000');
    const group = groups.get(key);
    if (group) group.members.push(member);
    else groups.set(key, { viewer, period: { after, upTo }, members: [member] });
  }
  return [...groups.values()];
}
