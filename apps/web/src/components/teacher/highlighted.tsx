/** A search snippet with its matches marked. */
export function Highlighted({
  snippet,
}: {
  snippet: { parts: Array<{ text: string; match: boolean }>; cutStart: boolean; cutEnd: boolean };
}) {
  return (
    <>
      {snippet.cutStart && '…'}
      {snippet.parts.map((part, i) =>
        part.match ? (
          <mark key={i} className="rounded bg-yellow-200 px-0.5">
            {part.text}
          </mark>
        ) : (
          <span key={i}>{part.text}</span>
        ),
      )}
      {snippet.cutEnd && '…'}
    </>
  );
}
