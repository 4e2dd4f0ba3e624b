import type { BlobStore } from '@/lib/storage/blob-store';
import { extractVersionText } from '../extract-text';

export interface GatedExtractionReads {
  /** The store to give the worker: reads for text extraction wait at the gate; the rest pass straight through. */
  storage: BlobStore;
  /** Settles when text extraction first asks for a file: the job is then in hand. */
  reading: Promise<void>;
  /** Lets every waiting and later read through. */
  letThrough(): void;
  /** How many times text extraction has read a file. */
  reads(): number;
}

/**
 * A stand-in for the blob store that holds the text-extraction job in hand for as long as a test needs
 * (the file is really in `storage`). The preview job reads the same file, and a fault may make the
 * queue run it again too: its reads are neither held nor counted. The caller is told apart by
 * extractVersionText on the stack, so renaming that function makes these tests wait and fail, not pass.
 */
export function gateExtractionReads(storage: BlobStore): GatedExtractionReads {
  let opened!: () => void;
  const reading = new Promise<void>((resolve) => (opened = resolve));
  let letThrough!: () => void;
  const gate = new Promise<void>((resolve) => (letThrough = resolve));
  let reads = 0;
  const forExtraction = () => new Error().stack?.includes(extractVersionText.name) ?? false;
  const gated: BlobStore = Object.assign(Object.create(storage) as BlobStore, {
    get: async (key: string) => {
      if (!forExtraction()) return storage.get(key);
      reads += 1;
      opened();
      await gate;
      return storage.get(key);
    },
  });
  return { storage: gated, reading, letThrough, reads: () => reads };
}
