import { and, eq, gt, sql } from "drizzle-orm";
import { db } from "../../../db/connection";
import { memberships, supplierContacts, suppliers, users } from "../../../db/schema";
import { queueMail } from "../notifications/mailer.server";
import { renderMail } from "../notifications/templates";
import { directoryContact } from "../opportunities/touchpoints.server";
import { DomainError } from "~/lib/errors";

/**
 * A signed-in buyer writes to a supplier from the directory. The message goes to the profile's
 * contact address and its owners; the reply goes straight to the buyer (reply-to in the text).
 * At most 5 messages per buyer organisation and supplier per day: enough for a real exchange.
 */
export async function contactSupplier(input: {
  supplierId: string;
  buyer: { userId: string; email: string; displayName: string; organisationId: string; organisationName: string };
  message: string;
  now?: Date;
}) {
  const now = input.now ?? new Date();
  return db.transaction(async (tx) => {
    const [supplier] = await tx.select().from(suppliers).where(eq(suppliers.id, input.supplierId));
    if (!supplier) throw new DomainError("not_found", "Ce fournisseur n'existe pas.");
    const [recent] = await tx
      .select({ n: sql<number>`count(*)::int` })
      .from(supplierContacts)
      .where(and(eq(supplierContacts.supplierId, supplier.id), eq(supplierContacts.buyerOrganisationId, input.buyer.organisationId), gt(supplierContacts.createdAt, new Date(now.getTime() - 86_400_000))));
    if ((recent?.n ?? 0) >= 5) throw new DomainError("rate_limited", "Vous avez déjà écrit plusieurs fois à ce fournisseur aujourd'hui. Attendez sa réponse.");
    const [contact] = await tx
      .insert(supplierContacts)
      .values({ supplierId: supplier.id, buyerOrganisationId: input.buyer.organisationId, userId: input.buyer.userId, message: input.message, createdAt: now })
      .returning();
    await directoryContact(tx, { buyerOrganisationId: input.buyer.organisationId, supplierId: supplier.id, actorId: input.buyer.userId, at: now });
    const owners = await tx
      .select({ email: users.email })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(eq(memberships.organisationId, supplier.organisationId));
    const recipients = new Set([supplier.email, ...owners.map((o) => o.email)].filter((e): e is string => Boolean(e)));
    for (const to of recipients) {
      await queueMail(tx, {
        to,
        kind: "supplier.contact",
        ...renderMail({
          subject: `${input.buyer.organisationName} souhaite vous contacter`,
          greeting: "Bonjour,",
          paragraphs: [
            `${input.buyer.displayName} (${input.buyer.organisationName}) a trouvé votre entreprise dans l'annuaire Proxima et vous écrit :`,
            input.message,
            `Pour répondre, écrivez à ${input.buyer.email}.`,
          ],
        }),
      });
    }
    return { contactId: contact!.id, delivered: recipients.size };
  });
}
