import { Link } from "@remix-run/react";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>Proxima, la plateforme des Rencontres Business de Proximité : entrepreneurs des quartiers prioritaires et entreprises engagées (PAQTE).</p>
      <ul>
        <li>
          <Link to="/accessibilite">Accessibilité : partiellement conforme</Link>
        </li>
      </ul>
    </footer>
  );
}
