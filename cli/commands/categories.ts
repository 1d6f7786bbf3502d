// `npm run cli -- categories`: the purchasing-category taxonomy as JSON ([{slug, label, naf: […]}]).
import { taxonomyForCli } from "../../app/modules/matching/taxonomy";

export default async function categories(): Promise<number> {
  process.stdout.write(`${JSON.stringify(taxonomyForCli(), null, 2)}\n`);
  return 0;
}
