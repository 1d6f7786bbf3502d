// Shared set-up of the needs tests: a club, a buyer with its author, matching suppliers with members.
import { db } from "../../../db/connection";
import { clubNeedSettings } from "../../../db/schema";
import { createClubRow, createOrganisationRow, createUser } from "../../../db/seed/factories";
import { createSupplierRow } from "../../../db/seed/supplier-factory";
import { NeedFormSchema, type NeedFormInput } from "./schemas";

export const montreuil = { communeInsee: "93048", lat: 48.863318, lon: 2.448162 };

export async function needsWorld(tag: string, options: { approvalRequired?: boolean; notifyBatchSize?: number } = {}) {
  const buyerUser = await createUser(db, { email: `acheteuse-${tag}@needs.example.org` });
  const animator = await createUser(db, { email: `animatrice-${tag}@needs.example.org` });
  const buyer = await createOrganisationRow(db, { kind: "buyer", name: `Acheteur ${tag}`, members: [{ userId: buyerUser.id }] });
  const club = await createClubRow(db, { name: `Club ${tag}`, epciSiren: "200057875", epciName: "Est Ensemble", qpvCodes: [], animatorIds: [animator.id] });
  await db.insert(clubNeedSettings).values({ clubId: club.id, approvalRequired: options.approvalRequired ?? true, notifyBatchSize: options.notifyBatchSize ?? 20 });
  return { buyerUser, animator, buyer, club };
}

export async function supplierWithMember(tag: string, values: Parameters<typeof createSupplierRow>[1] = {}) {
  const owner = await createUser(db, { email: `fournisseur-${tag}@needs.example.org` });
  const supplier = await createSupplierRow(db, { ...montreuil, categories: ["nettoyage"], ownerId: owner.id, name: `Fournisseur ${tag}`, ...values });
  return { owner, supplier };
}

export function needForm(clubId: string, overrides: Record<string, unknown> = {}): NeedFormInput {
  return NeedFormSchema.parse({
    intent: "save",
    clubId,
    title: "Nettoyage des parties communes",
    description: "Entretien hebdomadaire des halls et escaliers de 12 résidences à Montreuil et Bagnolet.",
    categories: ["nettoyage"],
    commune: "Montreuil (93100)",
    perimeterKind: "radius",
    radiusKm: "15",
    budgetBand: "25k-90k",
    amount: "48 000",
    responseDeadline: "2099-06-30",
    startDate: "2099-09-01",
    recurrence: "recurring",
    csrIntent: "reserved_lot",
    questions: ["Combien de salariés en insertion ?", "Quelle disponibilité ?"],
    ...overrides,
  });
}
