import { Badge } from "~/components/Badge";

type Status = "none" | "declared" | "verified" | "rejected";

/** The QPV status as people read it: verified by the club, or only declared. */
export function QpvBadge({ status, qpvName }: { status: Status; qpvName: string | null }) {
  if (status === "verified") return <Badge tone="success">QPV vérifié{qpvName ? ` : ${qpvName}` : ""}</Badge>;
  if (status === "declared") return <Badge tone="warning">QPV déclaré{qpvName ? ` : ${qpvName}` : ""} (non vérifié)</Badge>;
  if (status === "rejected") return <Badge tone="danger">Implantation en QPV non validée</Badge>;
  return <Badge>Pas de QPV déclaré</Badge>;
}
