import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anonymous, type Viewer } from '@/lib/auth/viewer';
import { insertMaterial } from '@/lib/commitments/testing/fixtures';
import { council, person, type Council } from '@/lib/organisations/testing/fixtures';
import { answerProjectInvitation } from '@/lib/projects/answer-project-invitation';
import { inviteProjectPartner } from '@/lib/projects/invite-project-partner';
import { registerProject } from '@/lib/projects/register-project';
import { projectAnswers } from '@/lib/projects/testing/fixtures';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { projectQuery, searchProjects } from './project-search';

// Projects are found by the same words as materials: stems, synonyms ("rubbish" finds "waste"),
// typos corrected from the hub's dictionary ("tenency" finds "tenancy"), with the page's filters, and
// only projects the viewer may see (a council-only project never appears to other councils).

describe.each(testDrivers)('searching projects, on %s', (driver) => {
  let hub: TestHub;
  let bristol: Council;
  let leeds: Council;
  let bristolMember: Viewer;
  let leedsMember: Viewer;
  let manchesterMember: Viewer;

  beforeAll(async () => {
    hub = await createTestHub(driver);
    bristol = await council(hub, 'bristol');
    leeds = await council(hub, 'leeds');
    bristolMember = (await person(hub, { organisation: bristol })).viewer;
    leedsMember = (await person(hub, { organisation: leeds })).viewer;
    manchesterMember = (await person(hub, { organisation: await council(hub, 'manchester') })).viewer;
    // The typo dictionary is the hub's words: a material teaches it "tenancy".
    await insertMaterial(hub, { organisationId: bristol.id, title: 'Tenancy sign-up interview guide' });
    const register = (viewer: Viewer, answers: Record<string, string | string[]>) => registerProject(hub.services, viewer, projectAnswers(answers));
    await register(bristolMember, { name: 'Garden waste collections', summary: 'Why residents miss collections', phase: 'discovery', topics: ['housing'], collaboration: ['partners'] });
    await register(bristolMember, { name: 'Tenancy sign-up online', summary: 'Interviewing new tenants about signing up', phase: 'alpha', collaboration: ['conversation'] });
    const secret = await register(bristolMember, { name: 'Council-only tenancy arrears', summary: 'Rent arrears letters', visibility: 'organisation', phase: 'discovery' });
    await register(leedsMember, { name: 'Leeds tenancy renewals', summary: 'Renewing tenancies', visibility: 'councils', phase: 'beta' });
    await inviteProjectPartner(hub.services, bristolMember, secret.id, { council: leeds.slug });
    await answerProjectInvitation(hub.services, leedsMember, secret.id, 'accept');
  });
  afterAll(async () => hub?.close());

  const names = async (viewer: Viewer, text: string, filters: Parameters<typeof projectQuery>[1] = {}) => (await searchProjects(hub.services, viewer, projectQuery(text, filters, { pageSize: 50 }))).hits.map((hit) => hit.name).sort();

  it('finds projects by stems, synonyms and typos, as materials are found', async () => {
    expect(await names(anonymous, 'interview tenant')).toEqual(['Tenancy sign-up online']);
    expect(await names(anonymous, 'rubbish')).toEqual(['Garden waste collections']);
    expect(await names(anonymous, 'tenency')).toEqual(['Tenancy sign-up online']);
    // Nothing typed: every project the viewer may see.
    expect(await names(anonymous, '')).toEqual(['Garden waste collections', 'Tenancy sign-up online']);
  });

  it('never shows a project to a viewer who may not see it', async () => {
    expect(await names(anonymous, 'tenancy')).toEqual(['Tenancy sign-up online']);
    expect(await names(manchesterMember, 'tenancy')).toEqual(['Leeds tenancy renewals', 'Tenancy sign-up online']);
    expect(await names(bristolMember, 'tenancy')).toEqual(['Council-only tenancy arrears', 'Leeds tenancy renewals', 'Tenancy sign-up online']);
    // An accepted partner sees the council-only project.
    expect(await names(leedsMember, 'arrears')).toEqual(['Council-only tenancy arrears']);
    expect(await names(manchesterMember, 'arrears')).toEqual([]);
    const counted = await searchProjects(hub.services, manchesterMember, projectQuery('tenancy', {}, { pageSize: 1 }));
    expect(counted).toMatchObject({ total: 2, fallback: false });
    expect(counted.hits).toHaveLength(1);
  });

  it('filters by phase, service area, council and collaboration', async () => {
    expect(await names(bristolMember, 'tenancy', { phases: ['discovery'] })).toEqual(['Council-only tenancy arrears']);
    expect(await names(bristolMember, 'collections', { topics: ['housing'] })).toEqual(['Garden waste collections']);
    expect(await names(bristolMember, 'collections', { topics: ['adult-social-care'] })).toEqual([]);
    expect(await names(bristolMember, 'tenancy', { councils: ['leeds'] })).toEqual(['Leeds tenancy renewals']);
    expect(await names(bristolMember, 'tenancy', { collaboration: ['conversation'] })).toEqual(['Tenancy sign-up online']);
  });

  it('ranks a match in the name above one only in the summary', async () => {
    const { hits } = await searchProjects(hub.services, bristolMember, projectQuery('tenancy arrears letters'));
    expect(hits[0]?.name).toBe('Council-only tenancy arrears');
  });
});
