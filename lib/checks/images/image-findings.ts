import type { FindingDraft } from '../build-report';
import type { Location } from '../findings';
import { maskName } from '../mask';
import type { ImageMetadata } from './read-image-metadata';

/** The hidden-content findings an image's metadata gives, placed at `location`. */
export function imageMetadataFindings(metadata: ImageMetadata, location: Location): FindingDraft[] {
  const drafts: FindingDraft[] = [];
  if (metadata.position) {
    const { latitude, longitude } = metadata.position;
    // To one decimal place (about 10 km): enough to see it is real, not enough to find a house.
    const rough = `about ${Math.abs(latitude).toFixed(1)}°${latitude < 0 ? 'S' : 'N'}, ${Math.abs(longitude).toFixed(1)}°${longitude < 0 ? 'W' : 'E'}`;
    drafts.push({
      category: 'hidden-content',
      kind: 'image-location',
      likelihood: 'likely',
      score: 85,
      location,
      excerpt: rough,
      reason: 'The picture records the GPS position where it was taken (often a home or a participant’s address).',
    });
  } else if (metadata.positionInXmp) {
    drafts.push({
      category: 'hidden-content',
      kind: 'image-location',
      likelihood: 'likely',
      score: 80,
      location,
      excerpt: '',
      reason: 'The picture’s XMP metadata records the GPS position where it was taken.',
    });
  }
  for (const name of metadata.names) {
    drafts.push({
      category: 'hidden-content',
      kind: 'image-author',
      likelihood: 'possible',
      score: 45,
      location,
      excerpt: maskName(name),
      reason: 'The picture’s metadata names its author or the camera’s owner.',
      key: `image-author:${name.toLowerCase()}`,
    });
  }
  return drafts;
}
