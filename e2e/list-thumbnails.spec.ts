import { crc32, deflateSync } from 'node:zlib';
import { expect, test, type Page } from '@playwright/test';
import { expectAccessible, pagesWithoutJavaScript } from './support/accessibility';
import { findCouncils, openDatabase, requestContextFor, seedPeople, sessionCookie, shareMaterial, type FilePart } from './support/seed-people';

/**
 * Thumbnails in the lists of materials (issue 9: "in search results, on the home page and in
 * lists"): a council's page and "Your materials" show each material's thumbnail as search does,
 * without JavaScript, and never one of a material the viewer may not see.
 */

const run = Date.now().toString(36);

/** A small PNG of one colour, made here so that each run shares a file the hub has not seen. */
function png(width: number, height: number, seed: number): FilePart {
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8-bit RGB
  const row = Buffer.concat([Buffer.from([0]), Buffer.alloc(width * 3, seed % 256)]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  const content = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), chunk('IHDR', header), chunk('IDAT', pixels), chunk('IEND', Buffer.alloc(0))]);
  return { name: `map-${seed}.png`, content, contentType: 'image/png' };
}

/**
 * Reloads the page until the material's row in the table with this caption shows its thumbnail (the
 * worker makes it after sharing).
 */
async function expectThumbnailIn(page: Page, path: string, table: string, title: string, id: string) {
  const row = page
    .getByRole('table', { name: table })
    .getByRole('row')
    .filter({ has: page.getByRole('link', { name: title, exact: true }) });
  await page.goto(path);
  await expect
    .poll(
      async () => {
        if ((await row.locator('img').count()) > 0) return 'shown';
        await page.reload();
        return 'not yet';
      },
      { timeout: 60_000, message: 'the thumbnail is made within a minute' },
    )
    .toBe('shown');
  await expect(row.locator('img')).toHaveAttribute('src', `/materials/${id}/preview/thumbnail`);
  // Decorative: the title beside it says what it is.
  await expect(row.locator('img')).toHaveAttribute('alt', '');
  await expectAccessible(page);
}

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test("a council's page and your account list each material with its thumbnail, and none the viewer may not see", async ({ browser }) => {
    test.setTimeout(150_000);
    const db = await openDatabase();
    const councils = await findCouncils(db);
    const { sharer } = await seedPeople(db, councils, `thumbs${run}`, { sharer: { label: 'sharer', council: 'a' } });
    await db.end();
    const api = await requestContextFor(sharer);
    const publicTitle = `Bin day journey map ${run}`;
    const privateTitle = `Private bin day journey map ${run}`;
    const base = { artefactType: 'journey-map', kind: 'example', phases: ['discovery'], licence: 'OGL-UK-3.0' };
    const seed = Number.parseInt(run.slice(-4), 36);
    const publicId = await shareMaterial(api, { ...base, title: publicTitle, visibility: 'public' }, png(48, 32, seed));
    const privateId = await shareMaterial(api, { ...base, title: privateTitle, visibility: 'organisation' }, png(32, 48, seed + 1));
    await api.dispose();

    // Anyone, on the council's page: the public one with its thumbnail; the private one not at all.
    const anonymous = await browser.newContext({ javaScriptEnabled: false });
    const visitor = await anonymous.newPage();
    pagesWithoutJavaScript.add(visitor);
    await expectThumbnailIn(visitor, `/organisations/${councils.a.slug}`, `Materials from ${councils.a.name} you can see`, publicTitle, publicId);
    await expect(visitor.getByRole('link', { name: privateTitle })).toHaveCount(0);
    await expect(visitor.locator(`img[src*="${privateId}"]`)).toHaveCount(0);
    const picture = await visitor.request.get(`/materials/${publicId}/preview/thumbnail`);
    expect(picture.status()).toBe(200);
    expect((await visitor.request.get(`/materials/${privateId}/preview/thumbnail`)).status()).toBe(404);
    await anonymous.close();

    // The sharer, on "Your materials": both, each with its own.
    const signedIn = await browser.newContext({ javaScriptEnabled: false });
    await signedIn.addCookies([sessionCookie(sharer.sessionToken)]);
    const page = await signedIn.newPage();
    pagesWithoutJavaScript.add(page);
    await expectThumbnailIn(page, '/account/materials', 'Materials you shared', privateTitle, privateId);
    await expectThumbnailIn(page, '/account/materials', 'Materials you shared', publicTitle, publicId);
    await signedIn.close();
  });
});
