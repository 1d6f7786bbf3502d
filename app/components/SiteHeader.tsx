import { Form, Link, NavLink } from "@remix-run/react";

export type NavUser = { displayName: string; isAdmin: boolean; links: { to: string; label: string }[]; unread?: number } | null;

export function SiteHeader({ user }: { user: NavUser }) {
  return (
    <header className="site-header">
      <a className="skip-link" href="#contenu">
        Aller au contenu
      </a>
      <div className="site-header-inner">
        <Link to="/" className="brand">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>Proxima</span>
        </Link>
        <nav aria-label="Navigation principale" className="main-nav">
          <ul>
            <li>
              <NavLink to="/fournisseurs">Annuaire</NavLink>
            </li>
            <li>
              <NavLink to="/rencontres">Rencontres</NavLink>
            </li>
            <li>
              <NavLink to="/observatoire">Observatoire</NavLink>
            </li>
            {user?.links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to}>{l.label}</NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="account-nav">
          {user ? (
            <>
              <NavLink to="/notifications" className="notifications-link">
                Notifications
                {user.unread ? (
                  <>
                    {" "}
                    <span className="badge badge-info">{user.unread > 99 ? "99+" : user.unread}</span>
                    <span className="visually-hidden">{user.unread > 1 ? " non lues" : " non lue"}</span>
                  </>
                ) : null}
              </NavLink>
              <Link to="/compte" className="account-name">
                {user.displayName}
              </Link>
              <Form method="post" action="/deconnexion">
                <button type="submit" className="button button-link">
                  Se déconnecter
                </button>
              </Form>
            </>
          ) : (
            <>
              <Link to="/connexion">Se connecter</Link>
              <Link to="/inscription" className="button button-primary">
                Créer un compte
              </Link>
            </>
          )}
        </div>
      </div>
    </header>
  );
}
