import { addKitItem } from '@/lib/kits/add-kit-item';
import { makeKit } from '@/lib/kits/make-kit';
import type { Person } from '@/lib/organisations/testing/fixtures';
import type { TestHub } from '@/lib/testing/test-hub';

/**
 * A kit of Bristol's, open to everyone, holding Bristol's public guide and Leeds's councils-only
 * survey, each with a note: a signed-out reader sees one item, a member of a council both.
 */
export async function makeSampleKit(hub: TestHub, maker: Person, materials: { guide: string; survey: string }): Promise<string> {
  const { id } = await makeKit(hub.services, maker.viewer, {
    title: 'Waste and repairs research kit',
    description: 'What we used to talk to residents about bins and repairs.',
    visibility: 'public',
  });
  await addKitItem(hub.services, maker.viewer, { kit: id, material: materials.guide, note: 'Start here: the questions we asked.' });
  await addKitItem(hub.services, maker.viewer, { kit: id, material: materials.survey, note: 'Leeds’s survey, for comparison.' });
  return id;
}
