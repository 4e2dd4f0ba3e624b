import 'server-only';
import { randomUUID } from 'node:crypto';

/**
 * Storage keys are made here and only here. They carry no user input (never a file name), so a key can
 * never smuggle a path (`../`), a bucket-wide prefix or an odd character into the disk or S3 layer
 * (SECURITY.md rule 3, CKAN CVE-2023-32321). Year/month keeps directory listings and S3 prefixes small.
 */
const STORAGE_KEY_PATTERN =
  /^materials\/\d{4}\/(?:0[1-9]|1[0-2])\/[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

/**
 * A preview's pictures (lib/material-previews): `previews/<version id>/page-3.webp`, `image-2.webp`,
 * `picture.webp` or `thumbnail.webp`. Made from the version's id (a uuid from the database) and a
 * number, never from anything a person typed.
 */
const PREVIEW_KEY_PATTERN =
  /^previews\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\/(?:page-[1-9][0-9]{0,3}|image-[0-9]{1,4}|thumbnail)\.webp$/;

export type PreviewPicture = { page: number } | { image: number } | 'thumbnail';

/** The key of one picture of a version's preview. Throws for anything that would not be a valid key. */
export function previewStorageKey(versionId: string, picture: PreviewPicture): string {
  const name =
    typeof picture === 'string' ? picture : 'page' in picture ? `page-${picture.page}` : `image-${picture.image}`;
  const key = `previews/${versionId.toLowerCase()}/${name}.webp`;
  assertValidStorageKey(key);
  return key;
}

/** A new, unguessable key such as `materials/2026/11/3f2b…`. `now` is a parameter only for tests. */
export function newStorageKey(now: Date = new Date()): string {
  const year = String(now.getUTCFullYear()).padStart(4, '0');
  const month = String(now.getUTCMonth() + 1).padStart(2, '0');
  return `materials/${year}/${month}/${randomUUID()}`;
}

/** True only for keys newStorageKey or previewStorageKey could have made; the stores refuse everything else. */
export function isValidStorageKey(key: unknown): key is string {
  return typeof key === 'string' && (STORAGE_KEY_PATTERN.test(key) || PREVIEW_KEY_PATTERN.test(key));
}

export class InvalidStorageKeyError extends Error {
  constructor() {
    // The key itself is not echoed: it may be attacker-shaped and end up in a log or a response.
    super('Refused an invalid storage key');
    this.name = 'InvalidStorageKeyError';
  }
}

/** Throws InvalidStorageKeyError unless `key` is a well-formed server-made key. */
export function assertValidStorageKey(key: unknown): asserts key is string {
  if (!isValidStorageKey(key)) throw new InvalidStorageKeyError();
}
