import 'server-only';
import type { Viewer } from '@/lib/auth/viewer';
import { withHeadingsInOrder, withImageUrls, type OutlineSlide, type PreviewSheet } from '@/lib/previews';
import type { Services } from '@/lib/services';
import { findViewablePreview } from './find-preview';

/** What the material page shows in its "Preview" section. No storage keys: pictures by their addresses. */
export type MaterialPreview =
  /** Not made yet (waiting in the queue, or being made). */
  | { status: 'waiting' }
  /** Failed or unsupported: the plain sentence saying why. */
  | { status: 'none'; message: string }
  | { status: 'ready'; notice: string | null; view: PreviewView };

export interface PreviewPictureView {
  url: string;
  width: number;
  height: number;
}

export type PreviewView =
  | { kind: 'pages'; source: 'pdf' | 'slides'; pageCount: number; pages: (PreviewPictureView & { number: number; text: string })[] }
  /** Sanitised HTML (lib/previews) with the hub's picture addresses and headings from h3 in order. */
  | { kind: 'html'; html: string }
  | { kind: 'sheets'; sheets: PreviewSheet[] }
  | { kind: 'outline'; slideCount: number; slides: OutlineSlide[] }
  | { kind: 'image'; picture: PreviewPictureView };

/** The first heading level inside a preview: the page has its h1, and the preview section its h2. */
const firstHeadingLevel = 3;

/**
 * A version's preview (the current one unless `versionNumber` is given) for the material page or a
 * version's page, after the download's permission check; or undefined where the viewer may not see
 * the material or that version (the page is a 404 then anyway).
 */
export async function getMaterialPreview(
  services: Services,
  viewer: Viewer,
  materialId: string,
  versionNumber?: number | string,
): Promise<MaterialPreview | undefined> {
  const found = await findViewablePreview(services, viewer, materialId, versionNumber);
  if (!found) return undefined;
  const { preview } = found;
  if (!preview || preview.status === 'pending' || preview.status === 'making') return { status: 'waiting' };
  if (preview.status !== 'ready' || !preview.content) {
    return { status: 'none', message: preview.message ?? 'We cannot preview this file.' };
  }
  const base = `/materials/${materialId}/preview`;
  // An older version's pictures are asked for by its number (the preview routes take `?version=N`).
  const query = versionNumber === undefined ? '' : `?version=${found.version.versionNumber}`;
  const content = preview.content;
  const picture = (url: string, p: { width: number; height: number }) => ({ url, width: p.width, height: p.height });
  let view: PreviewView;
  switch (content.kind) {
    case 'pages':
      view = {
        kind: 'pages',
        source: content.source,
        pageCount: preview.pageCount ?? content.pages.length,
        pages: content.pages.map((page) => ({ ...picture(`${base}/pages/${page.number}${query}`, page), number: page.number, text: page.text })),
      };
      break;
    case 'html':
      view = { kind: 'html', html: withHeadingsInOrder(withImageUrls(content.html, (n) => `${base}/images/${n}${query}`), firstHeadingLevel) };
      break;
    case 'sheets':
      view = { kind: 'sheets', sheets: content.sheets };
      break;
    case 'outline':
      view = { kind: 'outline', slideCount: content.slideCount, slides: content.slides };
      break;
    case 'image':
      view = { kind: 'image', picture: picture(`${base}/images/0${query}`, content.images[0]!) };
      break;
  }
  return { status: 'ready', notice: preview.notice, view };
}
