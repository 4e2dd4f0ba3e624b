import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { organisations } from '@/lib/db/schema';
import { testDrivers } from '@/lib/testing/databases';
import { createTestHub, type TestHub } from '@/lib/testing/test-hub';
import { organisationForEmail } from './organisation-for-email';

describe.each(testDrivers)('organisationForEmail (%s)', (driver) => {
  let hub: TestHub;
  beforeAll(async () => {
    hub = await createTestHub(driver);
    // A domain typed by an admin with capitals and a trailing dot still matches exactly.
    await hub.services.db
      .insert(organisations)
      .values({ slug: 'test-public-body', name: 'Test Public Body', type: 'public-body', emailDomains: [' Example-Body.ORG.UK. '] });
  });
  afterAll(() => hub.close());

  const bristol = (email: string) => organisationForEmail(hub.services.db, email);

  it('finds the council whose email domains hold exactly the address domain', async () => {
    expect(await bristol('sam.jones@bristol.gov.uk')).toMatchObject({ slug: 'bristol', name: 'Bristol City Council' });
    expect(await bristol('Sam.Jones@BRISTOL.gov.uk.')).toMatchObject({ slug: 'bristol' });
    expect(await bristol('someone@example-body.org.uk')).toMatchObject({ slug: 'test-public-body' });
    expect(await bristol('sam@cardiff.gov.uk')).toMatchObject({ slug: 'cardiff' });
  });

  it.each([
    ['a list ending in a council address', 'a@x.com,b@bristol.gov.uk'],
    ['a quoted local part', '"a@evil.com"@bristol.gov.uk'],
    ['a Cyrillic а in the domain', 'sam@c\u0430rdiff.gov.uk'],
    ['a Cyrillic і in the domain', 'sam@br\u0456stol.gov.uk'],
    ['a Cyrillic о in the domain', 'sam@bristol.g\u043ev.uk'],
    ['a council domain as a subdomain of another', 'sam@bristol.gov.uk.evil.com'],
    ['a council domain inside the local part', 'bristol.gov.uk@evil.com'],
    ['a percent-hack local part', 'sam%bristol.gov.uk@evil.com'],
    ['a subdomain of the council domain', 'sam@mail.bristol.gov.uk'],
    ['a domain that only ends like the council domain', 'sam@notbristol.gov.uk'],
    ['a parent of the council domain', 'sam@gov.uk'],
    ['two trailing dots', 'sam@bristol.gov.uk..'],
    ['a domain two councils share', 'sam@adur-worthing.gov.uk'],
  ])('joins nobody for %s', async (_name, email) => {
    expect(await bristol(email)).toBeNull();
  });
});
