import { Link, NavLink } from "@remix-run/react";

type Tab = { to: string; label: string; end?: boolean; active?: boolean };

/**
 * Navigation tabs as links: each tab is a URL, so they work without JavaScript. Tabs that differ
 * only by query string say which one is current with `active`.
 */
export function Tabs({ label, tabs }: { label: string; tabs: Tab[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            {t.active === undefined ? (
              <NavLink to={t.to} end={t.end} className={({ isActive }) => (isActive ? "tab tab-active" : "tab")}>
                {t.label}
              </NavLink>
            ) : (
              <Link to={t.to} className={t.active ? "tab tab-active" : "tab"} aria-current={t.active ? "page" : undefined}>
                {t.label}
              </Link>
            )}
          </li>
        ))}
      </ul>
    </nav>
  );
}
