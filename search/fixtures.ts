// A fixed directory of 40 hand-written suppliers for the search contract suite: enough overlap
// (cleaning firms in neighbouring towns, two printers, caterers) for relevance to mean something.
import { categoryLabel } from "../app/modules/suppliers/categories";
import { labelText } from "../app/modules/suppliers/labels";
import type { QpvStatus, SupplierSearchDocument } from "./types";

type Place = {
  insee: string;
  name: string;
  postalCode: string;
  departmentCode: string;
  departmentName: string;
  epciSiren: string | null;
  epciName: string | null;
  lat: number;
  lon: number;
};

const MGP = { epciSiren: "200054781", epciName: "Métropole du Grand Paris" };
const ssd = { departmentCode: "93", departmentName: "Seine-Saint-Denis", ...MGP };

/** Coordinates, postal codes and EPCI as in db/data/communes.csv. */
export const places = {
  montreuil: { insee: "93048", name: "Montreuil", postalCode: "93100", ...ssd, lat: 48.863318, lon: 2.448162 },
  bagnolet: { insee: "93006", name: "Bagnolet", postalCode: "93170", ...ssd, lat: 48.869084, lon: 2.422741 },
  pantin: { insee: "93055", name: "Pantin", postalCode: "93500", ...ssd, lat: 48.898309, lon: 2.408721 },
  saintDenis: { insee: "93066", name: "Saint-Denis", postalCode: "93200", ...ssd, lat: 48.929565, lon: 2.359243 },
  aubervilliers: { insee: "93001", name: "Aubervilliers", postalCode: "93300", ...ssd, lat: 48.912172, lon: 2.384455 },
  bobigny: { insee: "93008", name: "Bobigny", postalCode: "93000", ...ssd, lat: 48.907688, lon: 2.43864 },
  noisy: { insee: "93053", name: "Noisy-le-Sec", postalCode: "93130", ...ssd, lat: 48.891322, lon: 2.459136 },
  rosny: { insee: "93064", name: "Rosny-sous-Bois", postalCode: "93110", ...ssd, lat: 48.874576, lon: 2.48634 },
  vincennes: { insee: "94080", name: "Vincennes", postalCode: "94300", departmentCode: "94", departmentName: "Val-de-Marne", ...MGP, lat: 48.847373, lon: 2.437987 },
  sevres: { insee: "92072", name: "Sèvres", postalCode: "92310", departmentCode: "92", departmentName: "Hauts-de-Seine", ...MGP, lat: 48.821477, lon: 2.210523 },
  paris11: { insee: "75111", name: "Paris 11e Arrondissement", postalCode: "75011", departmentCode: "75", departmentName: "Paris", ...MGP, lat: 48.859415, lon: 2.378741 },
  paris20: { insee: "75120", name: "Paris 20e Arrondissement", postalCode: "75020", departmentCode: "75", departmentName: "Paris", ...MGP, lat: 48.863187, lon: 2.40082 },
  lyon8: { insee: "69388", name: "Lyon 8e Arrondissement", postalCode: "69008", departmentCode: "69", departmentName: "Rhône", epciSiren: null, epciName: null, lat: 45.734203, lon: 4.869357 },
  marseille3: { insee: "13203", name: "Marseille 3e Arrondissement", postalCode: "13003", departmentCode: "13", departmentName: "Bouches-du-Rhône", epciSiren: null, epciName: null, lat: 43.31212, lon: 5.38011 },
} satisfies Record<string, Place>;

const qpvs = {
  belAir: { code: "QN09318M", name: "Bel Air - Grands Pêchers - Ruffins - Le Morillon" },
  jeanMoulin: { code: "QN09319I", name: "Jean Moulin - Espoir" },
  capsulerie: { code: "QN09308M", name: "La Capsulerie" },
  quatreChemins: { code: "QN09324I", name: "Quatre Chemins" },
  plaine: { code: "QN09337M", name: "Plaine - Landy - Bailly" },
};

type Spec = {
  name: string;
  legalName?: string;
  description: string;
  services?: string[];
  categories: string[];
  labels?: string[];
  place: Place;
  qpv?: { code: string; name: string; status: QpvStatus };
  naf?: [string, string];
  completeness?: number;
};

const specs: Spec[] = [
  // Cleaning: five in the east of Paris, two mention offices in Montreuil.
  { name: "Éco-Propreté", legalName: "ECO PROPRETE SAS", description: "Nettoyage de bureaux et de locaux professionnels à Montreuil avec des produits écologiques, vitrerie et entretien des sols.", services: ["Nettoyage de bureaux", "Vitrerie"], categories: ["nettoyage"], labels: ["siae-ei", "esus"], place: places.montreuil, qpv: { ...qpvs.belAir, status: "verified" }, naf: ["8121Z", "Nettoyage courant des bâtiments"], completeness: 95 },
  { name: "Nettoyage Diallo & Fils", description: "Entretien de bureaux, de parties communes et remise en état après chantier, interventions tôt le matin.", services: ["Entretien de bureaux", "Remise en état"], categories: ["nettoyage"], labels: ["siae-ei"], place: places.montreuil, qpv: { ...qpvs.jeanMoulin, status: "declared" }, naf: ["8121Z", "Nettoyage courant des bâtiments"], completeness: 80 },
  { name: "Clair Net Services", description: "Nettoyage de bureaux, de commerces et de cabinets médicaux dans l'est parisien.", categories: ["nettoyage"], place: places.bagnolet, qpv: { ...qpvs.capsulerie, status: "verified" }, completeness: 70 },
  { name: "Propreté Pantin Insertion", description: "Chantier d'insertion : nettoyage de bureaux, de halls et d'escaliers, désinfection.", categories: ["nettoyage"], labels: ["siae-aci", "esus"], place: places.pantin, qpv: { ...qpvs.quatreChemins, status: "verified" }, completeness: 75 },
  { name: "Brillance 93", description: "Nettoyage industriel, vitrerie en hauteur et nettoyage de fin de chantier.", categories: ["nettoyage"], place: places.saintDenis, qpv: { ...qpvs.plaine, status: "rejected" }, completeness: 60 },
  { name: "Lumière Vitrerie", description: "Nettoyage de vitres et de façades vitrées pour les commerces et les copropriétés.", categories: ["nettoyage"], place: places.paris20, completeness: 55 },
  { name: "Hygiène Plus Lyon", description: "Nettoyage de bureaux et d'entrepôts dans la métropole lyonnaise.", categories: ["nettoyage"], labels: ["ea"], place: places.lyon8, completeness: 65 },
  { name: "Net Marseille Services", description: "Nettoyage de bureaux, de navires et de locaux commerciaux sur le port.", categories: ["nettoyage"], place: places.marseille3, completeness: 50 },
  { name: "Sèvres Ménage Services", description: "Ménage et entretien des locaux pour les associations et les petites entreprises.", categories: ["nettoyage"], place: places.sevres, completeness: 45 },
  { name: "Montreuil Désinfection", description: "Dératisation, désinsectisation et désinfection des locaux et des caves.", categories: ["nettoyage"], place: places.montreuil, completeness: 40 },
  { name: "Nettoyage Écologique de Vincennes", description: "Entretien écologique de bureaux et de crèches, produits sans solvant.", categories: ["nettoyage"], labels: ["ecocert"], place: places.vincennes, completeness: 85 },
  // Caterers.
  { name: "Traiteur Les Saveurs de Belleville", description: "Plateaux-repas, buffets et cocktails pour vos réunions, cuisine du monde faite maison.", services: ["Plateaux-repas", "Buffets"], categories: ["restauration-traiteur"], labels: ["siae-ei"], place: places.paris20, completeness: 90 },
  { name: "Le Petit Traiteur Montreuillois", description: "Traiteur de quartier : petits-déjeuners, buffets froids et repas de séminaire.", categories: ["restauration-traiteur"], place: places.montreuil, qpv: { ...qpvs.belAir, status: "declared" }, completeness: 70 },
  { name: "Cuisine Solidaire de Pantin", description: "Restaurant d'insertion et service traiteur, cocktails et buffets pour les entreprises.", categories: ["restauration-traiteur"], labels: ["siae-aci"], place: places.pantin, qpv: { ...qpvs.quatreChemins, status: "verified" }, completeness: 85 },
  { name: "Les Délices de Bagnolet", description: "Pâtisserie orientale, mignardises et buffets sucrés pour les événements.", categories: ["restauration-traiteur", "alimentation-produits-locaux"], place: places.bagnolet, completeness: 60 },
  { name: "Traiteur du Vieux Lyon", description: "Repas d'affaires, cocktails dînatoires et plateaux-repas livrés à Lyon.", categories: ["restauration-traiteur"], place: places.lyon8, completeness: 75 },
  // Printers.
  { name: "Imprimerie Moderne du 93", description: "Impression offset et numérique : brochures, affiches, flyers et cartes de visite.", categories: ["imprimerie"], labels: ["imprim-vert"], place: places.bobigny, naf: ["1812Z", "Autre imprimerie (labeur)"], completeness: 90 },
  { name: "Imprim'Vert Aubervilliers", description: "Impression sur papier recyclé, reprographie et façonnage pour les collectivités.", categories: ["imprimerie"], labels: ["imprim-vert", "esat"], place: places.aubervilliers, qpv: { ...qpvs.plaine, status: "declared" }, completeness: 70 },
  { name: "Atelier Reprographie Montreuil", description: "Reprographie, reliure et impression de plans grand format.", categories: ["imprimerie"], place: places.montreuil, completeness: 55 },
  // Green spaces.
  { name: "Les Jardiniers de Montreuil", description: "Création et entretien d'espaces verts, tonte, taille de haies et potagers d'entreprise.", categories: ["espaces-verts"], labels: ["siae-aci"], place: places.montreuil, qpv: { ...qpvs.belAir, status: "verified" }, completeness: 80 },
  { name: "Paysages Urbains Saint-Denis", description: "Paysagiste : végétalisation de toitures, jardins partagés et élagage.", categories: ["espaces-verts"], place: places.saintDenis, completeness: 65 },
  { name: "Vert Tige Rosny", description: "Entretien des espaces verts, débroussaillage et ramassage des feuilles.", categories: ["espaces-verts"], labels: ["ea"], place: places.rosny, completeness: 60 },
  { name: "Élagage de l'Est Parisien", description: "Élagage, abattage et taille raisonnée des arbres, diagnostic phytosanitaire.", categories: ["espaces-verts"], place: places.noisy, completeness: 50 },
  // IT.
  { name: "Datagora Solutions", description: "Développement de sites web et d'applications, hébergement et maintenance informatique.", categories: ["informatique-numerique"], place: places.pantin, completeness: 75 },
  { name: "Réemploi Informatique 93", description: "Reconditionnement d'ordinateurs et de téléphones, collecte et effacement sécurisé des données.", categories: ["informatique-numerique", "recyclage-reemploi"], labels: ["siae-ei", "esus"], place: places.saintDenis, qpv: { ...qpvs.plaine, status: "verified" }, completeness: 85 },
  { name: "Code Solidaire", description: "Formation au développement web et réalisation de sites pour les associations.", categories: ["informatique-numerique", "formation"], labels: ["qualiopi"], place: places.paris11, completeness: 70 },
  // Everything else.
  { name: "Couture et Retouches de Montreuil", description: "Confection de vêtements de travail, broderie et retouches.", categories: ["textile-couture"], place: places.montreuil, completeness: 50 },
  { name: "Logistique Express Bobigny", description: "Livraison en vélo cargo, coursiers et entreposage de courte durée.", categories: ["logistique-livraison"], place: places.bobigny, completeness: 60 },
  { name: "Vincennes Événements", description: "Organisation de séminaires, animation et location de salles.", categories: ["evenementiel"], place: places.vincennes, completeness: 55 },
  { name: "Bagnolet Multiservices", description: "Petits travaux, maintenance des bâtiments et conciergerie d'entreprise.", categories: ["maintenance-multiservices"], labels: ["siae-ai"], place: places.bagnolet, completeness: 45 },
  { name: "Traduction Sans Frontières", description: "Traduction et interprétariat en vingt langues, langue des signes française.", categories: ["traduction-interpretariat"], place: places.paris11, completeness: 65 },
  { name: "Gardiennage Aubervilliers Sécurité", description: "Agents de sécurité, gardiennage de chantiers et contrôle d'accès.", categories: ["securite-gardiennage"], place: places.aubervilliers, completeness: 50 },
  { name: "Blanchisserie du Parc", description: "Blanchisserie industrielle, lavage du linge professionnel et repassage.", categories: ["blanchisserie"], labels: ["esat"], place: places.saintDenis, completeness: 60 },
  { name: "Déménagement Solidaire Pantin", description: "Déménagement de bureaux, débarras et manutention d'archives.", categories: ["demenagement"], labels: ["siae-ei"], place: places.pantin, qpv: { ...qpvs.quatreChemins, status: "declared" }, completeness: 70 },
  { name: "Formations Numériques de Montreuil", description: "Formation aux outils numériques et à la bureautique pour les salariés.", categories: ["formation"], labels: ["qualiopi"], place: places.montreuil, completeness: 60 },
  { name: "Atelier Mobilier Recyclé", description: "Mobilier de bureau en bois de réemploi, agencement de locaux.", categories: ["mobilier-agencement", "recyclage-reemploi"], place: places.bagnolet, completeness: 65 },
  { name: "Photo Vidéo 93", description: "Captation vidéo, photographie d'entreprise et films institutionnels.", categories: ["audiovisuel-photo"], place: places.bobigny, completeness: 55 },
  { name: "Conseil Gestion Rosny", description: "Comptabilité, audit et conseil en gestion pour les associations.", categories: ["conseil-gestion"], place: places.rosny, completeness: 50 },
  { name: "Transport Adapté de Noisy", description: "Transport de personnes à mobilité réduite, navettes pour les salariés.", categories: ["transport-de-personnes"], labels: ["ea"], place: places.noisy, completeness: 55 },
  { name: "Panier Bio de Sèvres", description: "Paniers de fruits et légumes bio livrés au bureau chaque semaine.", categories: ["alimentation-produits-locaux"], labels: ["agriculture-biologique"], place: places.sevres, completeness: 60 },
];

function fixtureId(n: number): string {
  return `00000000-0000-4000-8000-${String(n).padStart(12, "0")}`;
}

function siret(n: number): string {
  return `9000000${String(n).padStart(7, "0")}`;
}

function slugOf(name: string): string {
  return name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

function toDocument(spec: Spec, i: number): SupplierSearchDocument {
  const labels = spec.labels ?? [];
  return {
    id: fixtureId(i + 1),
    slug: slugOf(spec.name),
    siret: siret(i + 1),
    name: spec.name,
    legalName: spec.legalName ?? spec.name.toUpperCase(),
    description: spec.description,
    services: spec.services ?? [],
    categories: spec.categories,
    categoryLabels: spec.categories.map(categoryLabel),
    nafCode: spec.naf?.[0] ?? null,
    nafLabel: spec.naf?.[1] ?? null,
    labels,
    labelNames: labels.map(labelText),
    communeInsee: spec.place.insee,
    communeName: spec.place.name,
    postalCode: spec.place.postalCode,
    departmentCode: spec.place.departmentCode,
    departmentName: spec.place.departmentName,
    epciSiren: spec.place.epciSiren,
    epciName: spec.place.epciName,
    qpvCode: spec.qpv?.code ?? null,
    qpvName: spec.qpv?.name ?? null,
    qpvStatus: spec.qpv?.status ?? "none",
    lat: spec.place.lat,
    lon: spec.place.lon,
    completeness: spec.completeness ?? 50,
    // One day apart, in an order unrelated to relevance, so "newest" has something to prove.
    createdAt: new Date(Date.UTC(2025, 0, 1) + ((i * 17) % specs.length) * 86_400_000).toISOString(),
  };
}

export const fixtureDocuments: readonly SupplierSearchDocument[] = Object.freeze(specs.map(toDocument));

export function fixtureByName(name: string): SupplierSearchDocument {
  const doc = fixtureDocuments.find((d) => d.name === name);
  if (!doc) throw new Error(`no fixture named ${name}`);
  return doc;
}
