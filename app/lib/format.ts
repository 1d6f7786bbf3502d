const paris = "Europe/Paris";

/** 12 mars 2027 */
export function formatDate(value: Date | string | null | undefined): string {
  if (!value) return "";
  return new Intl.DateTimeFormat("fr-FR", { day: "numeric", month: "long", year: "numeric", timeZone: paris }).format(new Date(value));
}

/** 12 mars 2027 à 09:30 */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (!value) return "";
  return new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeStyle: "short", timeZone: paris }).format(new Date(value));
}

/** 09:30 */
export function formatTime(value: Date | string): string {
  return new Intl.DateTimeFormat("fr-FR", { hour: "2-digit", minute: "2-digit", timeZone: paris }).format(new Date(value));
}

/** 1 250 € */
export function formatEuros(amount: number | null | undefined, fractionDigits = 0): string {
  if (amount === null || amount === undefined) return "";
  return new Intl.NumberFormat("fr-FR", { style: "currency", currency: "EUR", maximumFractionDigits: fractionDigits }).format(amount);
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat("fr-FR").format(value);
}
