/**
 * An async generator of chunks as a web ReadableStream (a response's body) that reads from it only
 * when asked: `pull` runs while the stream's queue holds fewer than `queueBytes` bytes, so at most
 * that much is read ahead of what the reader (Next.js writing to the socket, which waits for 'drain')
 * has taken, whatever the generator's source. A little read-ahead lets reading the next chunk from
 * storage overlap with sending the last one, which matters on a busy machine where every wait for the
 * disk costs a trip through the scheduler; 0 reads only on demand. Cancelled (the person closed the
 * tab): the generator is returned, which ends whatever it was reading (a `for await` over a Node
 * stream destroys it).
 */
export function pullStream(chunks: AsyncGenerator<Uint8Array, void, undefined>, options: { queueBytes: number; onError: (error: unknown) => void }): ReadableStream<Uint8Array> {
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        try {
          const next = await chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        } catch (error) {
          options.onError(error);
          controller.error(error);
        }
      },
      async cancel() {
        await chunks.return(undefined);
      },
    },
    { highWaterMark: options.queueBytes, size: (chunk) => chunk.byteLength },
  );
}
