/** Plain French mails: a greeting, one sentence of context, the link, why they got it. */
export type MailContent = { subject: string; text: string; html: string };

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export function renderMail(input: { subject: string; greeting: string; paragraphs: string[]; action?: { label: string; url: string }; footer?: string }): MailContent {
  const footer = input.footer ?? "Vous recevez ce message car une action a été faite sur Proxima avec votre adresse.";
  const text = [
    input.greeting,
    "",
    ...input.paragraphs.flatMap((p) => [p, ""]),
    ...(input.action ? [`${input.action.label} : ${input.action.url}`, ""] : []),
    "—",
    "Proxima, Rencontres Business de Proximité",
    footer,
  ].join("\n");
  const html = `<p>${escapeHtml(input.greeting)}</p>${input.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("")}${
    input.action ? `<p><a href="${escapeHtml(input.action.url)}">${escapeHtml(input.action.label)}</a></p>` : ""
  }<hr><p><small>Proxima, Rencontres Business de Proximité<br>${escapeHtml(footer)}</small></p>`;
  return { subject: input.subject, text, html };
}
