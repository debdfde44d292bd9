/**
 * `sitebot prices refresh [--region R]`: rebuild the price table from the AWS Price List API
 * and write it to src/cost/prices.json. Regions not refreshed keep their current prices.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { PricingClient } from '@aws-sdk/client-pricing';
import { buildPriceTable, createPricingClient } from '../cost/price-list';
import { parsePriceTable, type PriceTable } from '../cost/price-table';
import { ENGLISH, type Texts } from '../i18n/texts';

/** The table the estimator ships with. */
export const DEFAULT_PRICES_PATH = path.join(__dirname, '..', 'cost', 'prices.json');
const DEFAULT_REGIONS = ['ap-northeast-1', 'us-east-1'];

export interface RefreshPricesOptions {
  /** A client for a Pricing endpoint (see createPricingClient in src/cost/price-list.ts). */
  pricingClient: Pick<PricingClient, 'send'>;
  /** Regions to refresh; empty means every region already in the file (or ap-northeast-1 and us-east-1). */
  regions: string[];
  /** Where the table is written. */
  out: string;
  /** Injected clock (epoch ms); defaults to Date.now(). */
  now?: number;
}

export interface RefreshPricesResult {
  table: PriceTable;
  refreshed: string[];
  out: string;
}

export async function refreshPrices(options: RefreshPricesOptions): Promise<RefreshPricesResult> {
  const existing = await readTable(options.out);
  const regions =
    options.regions.length > 0 ? options.regions : existing ? Object.keys(existing.regions) : DEFAULT_REGIONS;
  const fresh = await buildPriceTable({
    pricingClient: options.pricingClient,
    regions,
    now: options.now ?? Date.now(),
    albLcu: existing?.assumptions.albLcu,
    hoursPerMonth: existing?.assumptions.hoursPerMonth,
  });
  const kept = Object.keys(existing?.regions ?? {}).filter((r) => !regions.includes(r));
  const table = parsePriceTable({
    ...fresh,
    source:
      kept.length > 0
        ? `${fresh.source} for ${regions.join(', ')}; ${kept.join(', ')} kept from the previous table`
        : fresh.source,
    regions: { ...existing?.regions, ...fresh.regions },
  });
  await writeAtomically(options.out, `${JSON.stringify(table, null, 2)}\n`);
  return { table, refreshed: regions, out: options.out };
}

/**
 * The whole subcommand for the CLI: `prices refresh [--region R]…` → exit code. Prints one line
 * per refreshed region; errors go to `printError` with a non-zero code, never a partial file.
 */
export async function runPricesCommand(
  args: string[],
  deps: {
    pricingClient?: Pick<PricingClient, 'send'>;
    out?: string;
    now?: number;
    print?: (line: string) => void;
    printError?: (line: string) => void;
    /** The language it prints in (SITEBOT_LANG); English by default. */
    texts?: Texts;
  } = {},
): Promise<number> {
  const t = (deps.texts ?? ENGLISH).cli;
  const print = deps.print ?? ((line: string) => console.log(line));
  const printError = deps.printError ?? ((line: string) => console.error(line));
  try {
    const { regions } = parsePricesArgs(args);
    const result = await refreshPrices({
      pricingClient: deps.pricingClient ?? createPricingClient(process.env.AWS_REGION),
      regions,
      out: deps.out ?? DEFAULT_PRICES_PATH,
      now: deps.now,
    });
    for (const region of result.refreshed) {
      const prices = result.table.regions[region];
      const ec2 = Object.keys(prices.ec2.instanceHour).length;
      const rds = Object.values(prices.rds.instanceHour).reduce(
        (n, classes) => n + Object.keys(classes).length,
        0,
      );
      print(t.pricesRegion({ region, ec2, rds }));
    }
    print(t.pricesWrote({ file: result.out, date: result.table.date }));
    return 0;
  } catch (error) {
    printError(t.pricesFailed({ message: error instanceof Error ? error.message : String(error) }));
    return 1;
  }
}

/** `refresh [--region R]…` (also `--region=R` and comma lists) → the regions asked for. */
export function parsePricesArgs(args: string[]): { command: 'refresh'; regions: string[] } {
  const [command, ...rest] = args;
  if (command !== 'refresh') throw new Error('usage: sitebot prices refresh [--region R]...');
  const regions: string[] = [];
  for (let i = 0; i < rest.length; i += 1) {
    const arg = rest[i];
    let value: string | undefined;
    if (arg === '--region') value = rest[(i += 1)];
    else if (arg.startsWith('--region=')) value = arg.slice('--region='.length);
    else throw new Error(`unknown option ${arg}; usage: sitebot prices refresh [--region R]...`);
    if (!value || !/^[a-z]{2}(-[a-z]+)+-\d$/.test(value.split(',')[0]))
      throw new Error(`not a region: ${value ?? ''}`);
    regions.push(...value.split(',').filter(Boolean));
  }
  return { command, regions };
}

async function readTable(file: string): Promise<PriceTable | undefined> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
  return parsePriceTable(JSON.parse(text));
}

/** Write then rename, so a failure never leaves a half-written table behind. */
async function writeAtomically(file: string, content: string): Promise<void> {
  const temp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(temp, content, 'utf8');
  await fs.rename(temp, file);
}
