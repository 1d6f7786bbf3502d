// French labels of the events domain: plain data, shared by the server and the pages.

export type EventStatus = "draft" | "open" | "scheduling" | "published" | "done" | "cancelled";
export type Side = "buyer" | "supplier";
export type ParticipantStatus = "pending" | "approved" | "waitlisted" | "cancelled" | "rejected" | "awaiting_payment";
export type RequestStatus = "pending" | "accepted" | "declined" | "expired" | "cancelled";
export type MeetingStatus = "scheduled" | "held" | "missed" | "cancelled";

export const statusLabel: Record<EventStatus, string> = {
  draft: "Brouillon",
  open: "Inscriptions ouvertes",
  scheduling: "Planification",
  published: "Planning publié",
  done: "Terminée",
  cancelled: "Annulée",
};

export const participantStatusLabel: Record<ParticipantStatus, string> = {
  pending: "En attente de validation",
  approved: "Inscription validée",
  waitlisted: "Liste d'attente",
  cancelled: "Annulée",
  rejected: "Refusée",
  awaiting_payment: "En attente du paiement du billet",
};

export const sideLabel: Record<Side, string> = { buyer: "Acheteur", supplier: "Fournisseur" };

export const requestStatusLabel: Record<RequestStatus, string> = {
  pending: "En attente de réponse",
  accepted: "Acceptée",
  declined: "Déclinée",
  expired: "Expirée",
  cancelled: "Annulée",
};

export const meetingStatusLabel: Record<MeetingStatus, string> = { scheduled: "Prévu", held: "A eu lieu", missed: "Manqué", cancelled: "Annulé" };

/** Tables are numbered from 1. */
export function tableLabels(count: number): string[] {
  return Array.from({ length: count }, (_, i) => String(i + 1));
}
