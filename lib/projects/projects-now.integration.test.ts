import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { answerProjectInvitation } from './answer-project-invitation';
import { inviteProjectPartner } from './invite-project-partner';
import { postProjectUpdate } from './post-project-update';
import { excerpt, projectsInDiscovery, recentProjectUpdates } from './projects-now';
import { registerProject } from './register-project';
import { setProjectStatus } from './set-project-status';
import { projectAnswers } from './testing/fixtures';

// The home page's and a service area's "In Discovery now" and "Recent project updates": only what the
// viewer may see (a council-only project never shows to others, but does to an accepted partner),
// only active Discovery projects, newest first, filtered by service area.

describe.each(testDrivers)('projects now, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let bristolMember: Viewer;
  let bristolAdmin: Viewer;
  let leedsMember: Viewer;
  let manchesterMember: Viewer;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    bristolMember = (await person(hub, { organisation: bristol })).viewer;
    bristolAdmin = (await person(hub, { organisation: bristol, role: 'org_admin' })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
    manchesterMember = (await person(hub, { organisation: await council(hub, 'manchester') })).viewer;
    const register = async (key: string, answers: Record<string, string | string[]>) => {
      ids[key] = (await registerProject(hub.services, bristolMember, projectAnswers({ name: key, ...answers }))).id;
    };
    await register('Public housing discovery', { visibility: 'public', topics: ['housing'] });
    await register('Councils-only discovery', { visibility: 'councils' });
    await register('Bristol-only discovery', { visibility: 'organisation', topics: ['housing'] });
    await register('Public alpha', { visibility: 'public', phase: 'alpha' });
    await register('Paused discovery', { visibility: 'public' });
    await setProjectStatus(hub.services, bristolAdmin, ids['Paused discovery'], { status: 'paused' });
    await register('Moved into discovery', { visibility: 'public', phase: 'idea' });
    await postProjectUpdate(hub.services, bristolMember, ids['Moved into discovery'], { body: 'We have started Discovery', phase: 'discovery' }, { now: new Date(Date.now() + 86_400_000) });
    await postProjectUpdate(hub.services, bristolMember, ids['Bristol-only discovery']!, { body: 'Secret  progress\non housing' });
    await postProjectUpdate(hub.services, bristolMember, ids['Public housing discovery']!, { body: 'Interviewed twelve tenants' });
  });
  afterAll(async () => hub?.close());

  const names = (rows: { name?: string; projectName?: string }[]) => rows.map((row) => row.name ?? row.projectName);

  it('lists only active Discovery projects each viewer may see, the latest into Discovery first', async () => {
    expect(names(await projectsInDiscovery(hub.services, anonymous))).toEqual(['Moved into discovery', 'Public housing discovery']);
    expect(names(await projectsInDiscovery(hub.services, manchesterMember)).sort()).toEqual(['Councils-only discovery', 'Moved into discovery', 'Public housing discovery']);
    expect(names(await projectsInDiscovery(hub.services, bristolMember))).toContain('Bristol-only discovery');
    expect(names(await projectsInDiscovery(hub.services, bristolMember))).not.toContain('Paused discovery');
    expect(names(await projectsInDiscovery(hub.services, bristolMember))).not.toContain('Public alpha');
  });

  it('shows a council-only project’s updates to its council and accepted partners, never to others', async () => {
    expect(names(await recentProjectUpdates(hub.services, anonymous))).not.toContain('Bristol-only discovery');
    expect(names(await recentProjectUpdates(hub.services, manchesterMember))).not.toContain('Bristol-only discovery');
    expect(names(await projectsInDiscovery(hub.services, leedsMember))).not.toContain('Bristol-only discovery');
    expect(names(await recentProjectUpdates(hub.services, bristolMember))).toContain('Bristol-only discovery');
    await inviteProjectPartner(hub.services, bristolMember, ids['Bristol-only discovery'], { council: leeds.slug });
    await answerProjectInvitation(hub.services, leedsMember, ids['Bristol-only discovery'], 'accept');
    expect(names(await recentProjectUpdates(hub.services, leedsMember))).toContain('Bristol-only discovery');
    expect(names(await projectsInDiscovery(hub.services, leedsMember))).toContain('Bristol-only discovery');
  });

  it('gives the latest updates first, with the council and a one-line excerpt, a handful at most', async () => {
    const updates = await recentProjectUpdates(hub.services, bristolMember, { limit: 2 });
    expect(updates).toHaveLength(2);
    expect(updates[0]).toMatchObject({ projectName: 'Moved into discovery', council: bristol.name, excerpt: 'We have started Discovery', phaseTo: 'discovery' });
    const secret = (await recentProjectUpdates(hub.services, bristolMember)).find((u) => u.projectName === 'Bristol-only discovery');
    expect(secret?.excerpt).toBe('Secret progress on housing');
  });

  it('filters both by service area', async () => {
    expect(names(await projectsInDiscovery(hub.services, anonymous, { topic: 'housing' }))).toEqual(['Public housing discovery']);
    expect(names(await recentProjectUpdates(hub.services, anonymous, { topic: 'housing' }))).toEqual(['Public housing discovery']);
    expect(names(await recentProjectUpdates(hub.services, bristolMember, { topic: 'housing' })).sort()).toEqual(['Bristol-only discovery', 'Public housing discovery']);
    expect(await projectsInDiscovery(hub.services, anonymous, { topic: 'adult-social-care' })).toEqual([]);
  });

  it('cuts a long update at a word', () => {
    const long = `${'word '.repeat(60)}end`;
    const cut = excerpt(long);
    expect(cut.endsWith('word…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(161);
  });
});
