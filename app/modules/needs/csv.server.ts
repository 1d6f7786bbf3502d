// The buyer's CSV of a need: every supplier reached or answering, with each step's date and the answers.
import { suppliersOfNeed } from "./answers.server";
import { toCsv } from "~/lib/csv-write";

const day = (value: Date | null) => (value ? value.toISOString().slice(0, 10) : "");
const euros = (cents: number | null) => (cents === null ? "" : (cents / 100).toFixed(2).replace(".", ","));

export async function needSuppliersCsv(buyerOrgId: string, needId: string): Promise<string> {
  const rows = await suppliersOfNeed(buyerOrgId, needId);
  const header = [
    "Fournisseur",
    "SIRET",
    "Score",
    "Raisons",
    "Prévenu le",
    "Vu le",
    "Intéressé le",
    "Pas intéressé le",
    "Motif",
    "Présélectionné le",
    "Retenu le",
    "Montant retenu (€)",
    "Message",
    "Réponses aux questions",
    "Devis (€)",
  ];
  const body = rows.map(({ row, supplierName, siret, answer }) => [
    supplierName,
    siret,
    row.score,
    row.reasons.join(" ; "),
    day(row.notifiedAt),
    day(row.viewedAt),
    day(row.interestedAt),
    day(row.declinedAt),
    row.declineReason,
    day(row.shortlistedAt),
    day(row.selectedAt),
    euros(row.selectedAmountCents),
    answer?.message,
    answer?.answers.map((a) => `${a.question} : ${a.answer}`).join(" | "),
    euros(answer?.quoteAmountCents ?? null),
  ]);
  // French spreadsheets: ";" and a BOM; answers are typed by others, so no formula may run.
  return toCsv(header, body, { delimiter: ";", bom: true, neutralizeFormulas: true });
}
