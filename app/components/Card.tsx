import type { ReactNode } from "react";

export function Card({ title, children, headingLevel = 2, actions }: { title?: ReactNode; children: ReactNode; headingLevel?: 2 | 3; actions?: ReactNode }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  return (
    <section className="card">
      {title ? (
        <div className="card-header">
          <Heading>{title}</Heading>
          {actions}
        </div>
      ) : null}
      {children}
    </section>
  );
}
