import type { ListThumbnail } from '@/lib/material-previews/list-thumbnails';

/** Shown 80 px wide; the stored thumbnail is 320 px, sharp on high-density screens. */
const shownWidth = 80;

/**
 * A material's thumbnail beside its title, in search results, on the home page and in the lists of
 * materials (a council's page, your account): decorative (`alt=""`, the title says what it is), loaded
 * only when scrolled to, with its size set so the list does not jump as pictures arrive.
 */
export function ResultThumbnail({ thumbnail }: { thumbnail: ListThumbnail | undefined }) {
  if (!thumbnail) return null;
  return (
    // A plain img: next/image would fetch it server-side, without the viewer's session.
    // eslint-disable-next-line @next/next/no-img-element
    <img
      className="app-thumbnail"
      src={thumbnail.url}
      alt=""
      width={shownWidth}
      height={Math.max(1, Math.round((shownWidth * thumbnail.height) / thumbnail.width))}
      loading="lazy"
      decoding="async"
    />
  );
}
