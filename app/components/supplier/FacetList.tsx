import { Link } from "@remix-run/react";
import type { FacetValue } from "../../../search/types";
import { toggleParam } from "~/lib/url";

/** One facet: each value is a link that toggles its filter, so facets work without JavaScript. */
export function FacetList({ title, param, values, selected, params }: { title: string; param: string; values: FacetValue[]; selected: string[]; params: URLSearchParams }) {
  if (!values.length) return null;
  return (
    <section className="facet" aria-label={title}>
      <h3>{title}</h3>
      <ul>
        {values.map((v) => {
          const active = selected.includes(v.value);
          return (
            <li key={v.value}>
              <Link to={toggleParam(params, param, v.value)} aria-current={active ? "true" : undefined} className={active ? "facet-active" : undefined} preventScrollReset>
                {active ? "✓ " : ""}
                {v.label} <span className="muted">({v.count})</span>
              </Link>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
