import type { OutlineSlide, PreviewSheet } from '@/lib/previews';

/**
 * The structured part of a stored preview (file_previews.content), by kind. Pictures are named by
 * their storage keys, which never leave the server: pages and routes refer to them by number.
 */
export interface StoredPicture {
  key: string;
  contentType: string;
  width: number;
  height: number;
}

export type PreviewContent = (
  | { kind: 'pages'; source: 'pdf' | 'slides'; pages: (StoredPicture & { number: number; text: string })[] }
  /** `html` is the library's sanitised HTML, its pictures still `preview-image:N` (N indexing `images`). */
  | { kind: 'html'; html: string; images: StoredPicture[]; truncated: boolean }
  | { kind: 'sheets'; sheetCount: number; sheets: PreviewSheet[] }
  | { kind: 'outline'; slideCount: number; slides: OutlineSlide[] }
  /** A PNG or JPEG upload: the re-encoded picture is images[0]. */
  | { kind: 'image'; images: StoredPicture[] }
) & {
  /** The small picture for lists (its key is also file_previews.thumbnail_key), where there is a visual. */
  thumbnail?: StoredPicture;
};

export type PreviewStatus = 'pending' | 'making' | 'ready' | 'unsupported' | 'failed';
