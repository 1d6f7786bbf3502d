import type { Flash } from "~/lib/http.server";

export function FlashMessage({ flash }: { flash: Flash | null }) {
  if (!flash) return null;
  return (
    <div className={`alert alert-${flash.type}`} role={flash.type === "error" ? "alert" : "status"}>
      {flash.message}
    </div>
  );
}
