import { NavLink } from "@remix-run/react";

/** Navigation tabs as links: each tab is a URL, so they work without JavaScript. */
export function Tabs({ label, tabs }: { label: string; tabs: { to: string; label: string; end?: boolean }[] }) {
  return (
    <nav className="tabs" aria-label={label}>
      <ul>
        {tabs.map((t) => (
          <li key={t.to}>
            <NavLink to={t.to} end={t.end} className={({ isActive }) => (isActive ? "tab tab-active" : "tab")}>
              {t.label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
