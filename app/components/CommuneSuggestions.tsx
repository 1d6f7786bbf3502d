import { useEffect } from "react";

/**
 * Fills <datalist id={id}> with communes matching what is typed in any input using it. Without
 * JavaScript the field still works: the server resolves "Montreuil (93100)" or an INSEE code.
 */
export function CommuneSuggestions({ id = "communes-suggestions" }: { id?: string }) {
  useEffect(() => {
    const list = document.getElementById(id);
    if (!list) return;
    let controller: AbortController | undefined;
    const onInput = async (event: Event) => {
      const input = event.target as HTMLInputElement;
      if (input.getAttribute("list") !== id || input.value.trim().length < 2) return;
      controller?.abort();
      controller = new AbortController();
      try {
        const response = await fetch(`/api/communes?q=${encodeURIComponent(input.value)}`, { signal: controller.signal });
        const { communes } = (await response.json()) as { communes: { label: string }[] };
        list.replaceChildren(...communes.map((c) => Object.assign(document.createElement("option"), { value: c.label })));
      } catch {
        // aborted by the next keystroke, or offline: the field still works as plain text
      }
    };
    document.addEventListener("input", onInput);
    return () => document.removeEventListener("input", onInput);
  }, [id]);
  return <datalist id={id} />;
}
