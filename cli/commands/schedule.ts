// `npm run cli -- schedule --input instance.json [--time-limit-ms N] [--seed N]`: prints the schedule as JSON.
import { readFile } from "node:fs/promises";
import { InstanceError, parseInstance } from "../../app/modules/scheduling/instance";
import { solveSchedule } from "../../app/modules/scheduling/solve";

const USAGE = "Usage : schedule --input <fichier.json | -> [--time-limit-ms N] [--seed N]";

interface Args {
  input: string;
  timeLimitMs?: number;
  seed?: number;
}

class UsageError extends Error {}

function parseArgs(argv: string[]): Args {
  let input: string | undefined;
  let timeLimitMs: number | undefined;
  let seed: number | undefined;
  const intValue = (name: string, raw: string | undefined): number => {
    const n = Number(raw);
    if (raw === undefined || !Number.isInteger(n) || n < 0) throw new UsageError(`${name} attend un entier positif ou nul`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const [flag, inline] = arg.startsWith("--") && arg.includes("=") ? [arg.slice(0, arg.indexOf("=")), arg.slice(arg.indexOf("=") + 1)] : [arg, undefined];
    const value = () => inline ?? argv[++i];
    if (flag === "--input" || flag === "-i") input = value();
    else if (flag === "--time-limit-ms") timeLimitMs = intValue(flag, value());
    else if (flag === "--seed") seed = intValue(flag, value());
    else throw new UsageError(`Option inconnue : ${arg}`);
  }
  if (!input) throw new UsageError("--input est obligatoire");
  return { input, timeLimitMs, seed };
}

async function readInput(input: string): Promise<string> {
  if (input !== "-") return readFile(input, "utf8");
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

export default async function schedule(argv: string[]): Promise<number> {
  let args: Args;
  try {
    args = parseArgs(argv);
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n${USAGE}\n`);
    return 2;
  }
  let text: string;
  try {
    text = await readInput(args.input);
  } catch {
    process.stderr.write(`Impossible de lire le fichier « ${args.input} ».\n`);
    return 2;
  }
  try {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new InstanceError(["Le fichier n'est pas un JSON valide"]);
    }
    const { previous, ...instance } = parseInstance(json);
    const result = solveSchedule(instance, { timeLimitMs: args.timeLimitMs, seed: args.seed, previous });
    process.stdout.write(`${JSON.stringify({ meetings: result.meetings, unscheduled: result.unscheduled, stats: result.stats, precheck: result.precheck })}\n`);
    return 0;
  } catch (e) {
    if (e instanceof InstanceError) {
      process.stderr.write(`${e.message}\n`);
      return 2;
    }
    throw e;
  }
}
