import { isDecodableImage, reencodeImage } from './image';
import { PreviewError, throwIfTimedOut, type PreviewContext, type PreviewImage } from './result';
import { IMAGE_SCHEME } from './sanitise-html';

/**
 * Pictures inside DOCX and ODT documents, for HTML previews: the first `maxImages` that are PNG,
 * JPEG, GIF or WebP, no larger than `maxImageBytes` and `maxImagePixels`, are re-encoded (no metadata,
 * at most `pageWidthPx` wide) and referenced as `preview-image:N`; any other picture (a vector
 * drawing, an oversized or broken one, one past the count, or one that is only a link to somewhere
 * else) gets a source the sanitiser turns into its alternative text.
 */
export class DocumentImages {
  readonly images: PreviewImage[] = [];

  constructor(private readonly context: PreviewContext) {}

  /** The `src` to write for this picture's bytes (undefined: a linked or missing picture). */
  async add(data: Buffer | undefined): Promise<string> {
    throwIfTimedOut(this.context);
    const { limits } = this.context;
    if (!data || this.images.length >= limits.maxImages || data.length > limits.maxImageBytes || !isDecodableImage(data)) return DROPPED;
    try {
      this.images.push(await reencodeImage(data, limits.pageWidthPx, this.context));
      return `${IMAGE_SCHEME}:${this.images.length - 1}`;
    } catch (error) {
      if (error instanceof PreviewError && error.reason === 'timeout') throw error;
      // A broken or oversized picture loses itself, not the document.
      return DROPPED;
    }
  }
}

/** Not a source the sanitiser keeps: the picture is shown as its alternative text. */
export const DROPPED = 'dropped:';
