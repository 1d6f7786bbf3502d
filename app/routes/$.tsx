import { policies } from "~/lib/policy";

export const policy = policies.public;

export async function loader() {
  throw new Response("Cette page n'existe pas ou a été déplacée.", { status: 404 });
}

export default function NotFound() {
  return null;
}
