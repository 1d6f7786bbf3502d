// Candidate rules and review decisions for the evaluation set (see build-judgements.ts).
// `naf`: sub-classes whose activity clearly fits (proposed grade 2); `weakNaf`: plausible (grade 1).
// `keywords` / `weakKeywords`: regex word starts on the lowercased, accent-free names + description.
// `drop`: candidates read and rejected; `grade`: proposals corrected after reading.
// These rules were written from the needs alone, before any matching weight existed.

export type JudgementRule = {
  naf: string[];
  weakNaf?: string[];
  keywords: string[];
  weakKeywords?: string[];
  exclude?: string[];
  drop?: string[];
  grade?: Record<string, 1 | 2>;
};

const CLEANING = {
  naf: ["8121Z", "8122Z", "8129B", "8129A"],
  weakNaf: ["8110Z"],
  keywords: ["nettoy", "propret", "proprete"],
  weakKeywords: ["multiservice", "regie de quartier", "regie des quartiers", "regie quartier"],
};
// Market-garden workshops ("jardins", Cocagne) grow vegetables: not judged relevant to grounds care.
const GREEN_SPACES = {
  naf: ["8130Z"],
  weakNaf: ["0161Z", "0240Z", "0210Z"],
  keywords: ["espaces? verts", "paysag", "elagage", "debroussaill", "foret", "arbres?\\b", "entretien environ"],
  weakKeywords: ["environnement", "nature", "chemins", "regie de quartier", "regie des quartiers", "regie quartier", "services regie", "geiq vert"],
  exclude: ["collecte", "reval", "sports? nature", "jardins? de cocagne", "maraich"],
};
const CATERING = {
  naf: ["5621Z", "5629A", "5610A", "5629B"],
  weakNaf: ["5610C", "1071A", "1071C"],
  keywords: ["traiteur", "restaurant", "restauration collective", "chantier restauration", "cuisine", "repas", "cantine", "gastronom"],
  weakKeywords: ["food", "gourmand"],
  exclude: ["restaurants? du coeur", "relais du coeur", "restauration du patrimoine"],
};
const SECOND_WORK = {
  naf: ["4334Z", "4333Z", "4331Z", "4332A", "4332B", "4339Z", "4322A", "4321A"],
  weakNaf: ["4399C", "4120A", "4120B", "4399D"],
  keywords: ["peint", "platr", "renov", "second oeuvre", "2nd oeuvre", "menuiserie", "batiment", "btp"],
  weakKeywords: ["regie de quartier", "regie des quartiers"],
};
const RECYCLING = {
  naf: ["3832Z", "3811Z", "3821Z", "3812Z"],
  weakNaf: ["4779Z", "9522Z", "9511Z"],
  keywords: ["recycl", "ressourcerie", "reemploi", "deee", "dechets?"],
  weakKeywords: ["emmaus", "envie", "valoris"],
};
const TEMP_WORK = {
  naf: ["7820Z", "7830Z", "7810Z"],
  keywords: ["interim", "travail temporaire", "association intermediaire"],
  weakKeywords: ["geiq"],
};

export const RULES: Record<string, JudgementRule> = {
  "nettoyage-bureaux-saint-denis": {
    ...CLEANING,
    keywords: [...CLEANING.keywords, "chantier entretien"],
  },
  "nettoyage-vitrerie-lyon": { ...CLEANING, grade: { "43532668100010": 1 } },
  // The GEIQ provides trainees, not a cleaning service: plausible only.
  "nettoyage-sites-bouches-du-rhone": { ...CLEANING, grade: { "45086899700013": 1 } },
  "espaces-verts-lyon": { ...GREEN_SPACES, grade: { "41812222200015": 1 } },
  "espaces-verts-nantes": { ...GREEN_SPACES },
  "espaces-verts-limousin": { ...GREEN_SPACES, grade: { "41290983000025": 1, "51956523800010": 1 } },
  "espaces-verts-toulouse": { ...GREEN_SPACES },
  "traiteur-seminaire-marseille": { ...CATERING, weakKeywords: [...CATERING.weakKeywords, "pain et partage"] },
  "plateaux-repas-paris": {
    ...CATERING,
    // Neptune: social support; Farinez-vous is a bakery (plausible for breakfasts only).
    drop: ["39753671500014"],
  },
  "restauration-collective-strasbourg": {
    ...CATERING,
    grade: { "77564261400405": 1 }, // adapted company listing meal delivery among many services
  },
  "peinture-bureaux-lille": {
    ...SECOND_WORK,
    // Impulsion's EI does green spaces and cleaning; RéAgir's building workshop is internal.
    drop: ["39069503900029"],
    grade: { "38469541700038": 1, "39321207100012": 1, "44888767900034": 1 },
  },
  "renovation-alsace": {
    ...SECOND_WORK,
    keywords: [...SECOND_WORK.keywords, "amenagements? finition"],
    grade: { "48968776400030": 1, "41263246500032": 1, "43474850500014": 2 },
    // The adapted company lists building maintenance among industrial subcontracting.
    drop: ["77564261400405"],
  },
  "maconnerie-herault": {
    naf: ["4399C", "4120A", "4120B", "4299Z", "4311Z"],
    weakNaf: ["4399D"],
    keywords: ["maconn", "gros oeuvre", "btp", "batiment"],
    weakKeywords: ["passerelles chantiers"],
    grade: { "41066521000044": 1 },
  },
  "deee-toulouse": {
    ...RECYCLING,
    keywords: [...RECYCLING.keywords, "informatique", "ordinateur", "greenburo"],
    // Le Relais collects textiles only.
    drop: ["33368412400725"],
    grade: { "43138497300019": 2 },
  },
  "tri-dechets-rouen": {
    ...RECYCLING,
    drop: ["40315184800047", "39244264600023"],
    grade: { "80950959900019": 1, "50312304400011": 1 }, // general ressourceries: plausible only
  },
  "reemploi-mobilier-bordeaux": {
    ...RECYCLING,
    naf: [...RECYCLING.naf, "4779Z", "9524Z", "3109B"],
    keywords: [...RECYCLING.keywords, "meuble", "mobilier", "menuiserie"],
    // ENVIE Gironde is the training arm (8559A); ENVIE 2E handles appliances, not furniture.
    drop: ["38401070800038"],
    grade: { "48222277500033": 1, "38881538300012": 1 },
  },
  "interim-logistique-lille": {
    ...TEMP_WORK,
    // Sector GEIQs outside logistics (cleaning, eco-activities, disability) are plausible only.
    grade: { "80263673800014": 1, "45053310400045": 1, "43228702700010": 1, "79150252900013": 1 },
  },
  "interim-btp-bordeaux": {
    ...TEMP_WORK,
    // GEIQ BTP are the construction specialists; a farm GEIQ is not.
    drop: ["81061689600017"],
    grade: { "79208140800025": 1 },
  },
  "mise-a-disposition-cantal": { ...TEMP_WORK, grade: { "79428349900018": 1 } },
  "interim-reunion": { ...TEMP_WORK },
  "blanchisserie-grand-ouest": {
    naf: ["9601A", "9601B"],
    keywords: ["blanchiss", "linge", "pressing", "laverie", "repassage"],
  },
  "confection-textile-national": {
    naf: ["1413Z", "1399Z", "1392Z", "1414Z", "1419Z", "1412Z"],
    keywords: ["textile", "couture", "confection", "coud pouce", "broderie", "tissu", "tisse", "retouche"],
    exclude: ["blanchisserie"],
    // Rag cutting and textile collection/sorting are plausible suppliers of recycled fabric only.
    grade: {
      "79046248500026": 1, "79046248500018": 1, "40157021300033": 1, "52243001600025": 1,
      "53120747000026": 1, "31785575700108": 1,
    },
  },
  "reconditionnement-informatique": {
    naf: ["9511Z", "4741Z"],
    weakNaf: ["6202A"],
    keywords: ["informatique", "ordinateurs?", "numeriques?", "reconditionn", "deee"],
    // Label Emmaüs is an online shop. IT consultancies, shops and training centres are plausible
    // only; Ecodair is known for refurbishing computers.
    drop: ["82148900200021"],
    grade: {
      "49414184900013": 2, "84293352500029": 1, "35006244400020": 1, "43756918900016": 1,
      "44324665700045": 1, "50334714800051": 1, "80856844800019": 1,
    },
  },
  "livraison-dernier-km-paris": {
    naf: ["5320Z", "4941B", "5310Z"],
    weakNaf: ["4941A"],
    keywords: ["livraison", "coursi", "logistique", "courrier", "colis"],
    // Label Emmaüs: online shop; Lemon Aide: recycling logistics.
    drop: ["82148900200021"],
    grade: { "82162170300023": 1, "75170343000163": 1 },
  },
  "conditionnement-nord": {
    naf: ["8292Z", "5210B"],
    weakNaf: ["8299Z"],
    keywords: ["conditionnement", "logistique", "routage", "mise sous pli", "emballage", "sous traitance"],
    // Temp-work agencies and GEIQs supply staff, not a subcontracted service; BASE is an AI.
    // Le Panier de la Mer packs fish for food aid.
    drop: ["40765547100057", "43998437800018", "39119119400045", "44485057200025"],
    grade: { "44094281100041": 1, "31785575700108": 1, "41273578900023": 1 },
  },
  "multiservices-rennes": {
    naf: ["8110Z", "4339Z", "4334Z"],
    weakNaf: ["8121Z", "8130Z"],
    keywords: ["multiservices?", "maintenance", "regie de quartier", "regie des quartiers", "petits travaux"],
    weakKeywords: ["btp", "emplois? services"],
    drop: ["44854087200026"],
  },
  "transport-salaries-hauts-de-france": {
    naf: ["4939B", "4932Z", "4939A"],
    keywords: ["mobilite", "transport de personnes", "navette", "taxi"],
    // Rivages Propres promotes soft mobility: not a passenger transport service.
    grade: { "38322126400054": 1 },
  },
};
