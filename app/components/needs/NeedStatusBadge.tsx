import { Badge, type BadgeTone } from "~/components/Badge";
import { statusLabels, type NeedStatus } from "~/modules/needs/schemas";

const tone: Record<NeedStatus, BadgeTone> = {
  draft: "neutral",
  submitted: "warning",
  published: "success",
  closed: "info",
  awarded: "success",
  not_awarded: "neutral",
  cancelled: "danger",
  rejected: "danger",
};

export function NeedStatusBadge({ status }: { status: NeedStatus }) {
  return <Badge tone={tone[status]}>{statusLabels[status]}</Badge>;
}
