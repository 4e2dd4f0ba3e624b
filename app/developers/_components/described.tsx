import { Fragment } from 'react';

/**
 * A description from the OpenAPI document, where `backticks` mark names of parameters and fields (as
 * Markdown would): those are shown as code. Everything else is plain text (React escapes it).
 */
export function Described({ text }: { text: string }) {
  const pieces = text.split('`');
  return (
    <>
      {pieces.map((piece, index) =>
        index % 2 === 1 && index < pieces.length - 1 ? (
          <code key={index} className="app-code">
            {piece}
          </code>
        ) : (
          <Fragment key={index}>{index % 2 === 1 ? `\`${piece}` : piece}</Fragment>
        ),
      )}
    </>
  );
}
