import type { Highlighted } from "../../../search/types";

/** Renders matched words in <mark> without ever injecting HTML. */
export function Highlight({ segments }: { segments: Highlighted }) {
  return (
    <>
      {segments.map((s, i) => (s.match ? <mark key={i}>{s.text}</mark> : <span key={i}>{s.text}</span>))}
    </>
  );
}
