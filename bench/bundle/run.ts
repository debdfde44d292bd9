/**
 * Bundle benchmark: the Lambda handlers bundled as serverless-esbuild bundles them (the settings
 * mirror `custom.esbuild` in serverless.yml), their zipped size, and the cold import time of
 * the bundle in a fresh `node` process (median of 5).
 *
 *   npx tsx bench/bundle/run.ts            # prints a markdown table for bench/README.md
 *
 * Targets (issue 8): slack handler < 1.5 MB zipped, cold import < 400 ms.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { crc32, deflateRawSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';

const ROOT = resolve(__dirname, '..', '..');
const HANDLERS = ['slack', 'worker', 'remind'] as const;
const RUNS = 5;
const TARGET_ZIP_BYTES = 1.5 * 1024 * 1024;
const TARGET_IMPORT_MS = 400;

/** Same options as serverless.yml's custom.esbuild (serverless-esbuild passes them to esbuild; test/deploy checks). */
export const ESBUILD_OPTIONS = {
  bundle: true,
  minify: true,
  sourcemap: false,
  target: 'node22',
  platform: 'node',
  format: 'cjs',
  keepNames: true,
  mainFields: ['module', 'main'],
  alias: {
    '@slack/socket-mode': './src/handlers/socket-mode-excluded.ts',
    express: './src/handlers/http-receivers-excluded.ts',
    'raw-body': './src/handlers/http-receivers-excluded.ts',
  },
} as const;

/** A one-file zip (deflate), like the artifact Lambda receives: local header, data, central directory, end record. */
export function zipOneFile(name: string, data: Buffer): Buffer {
  const nameBytes = Buffer.from(name, 'utf8');
  const compressed = deflateRawSync(data, { level: 9 });
  const crc = crc32(data);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4); // version needed
  local.writeUInt16LE(0, 6); // flags
  local.writeUInt16LE(8, 8); // deflate
  local.writeUInt32LE(0, 10); // time + date
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(data.length, 22);
  local.writeUInt16LE(nameBytes.length, 26);
  local.writeUInt16LE(0, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(0, 8);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(0, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(data.length, 24);
  central.writeUInt16LE(nameBytes.length, 28);
  // extra, comment, disk, internal attrs, external attrs, local header offset: all zero
  const centralOffset = local.length + nameBytes.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + nameBytes.length, 12);
  end.writeUInt32LE(centralOffset, 16);
  return Buffer.concat([local, nameBytes, compressed, central, nameBytes, end]);
}

interface ImportTime {
  /** Wall-clock ms of `require(bundle)`. */
  wallMs: number;
  /** CPU ms (user + system) spent in it: less sensitive to other load on the machine. */
  cpuMs: number;
}

/** Time spent in `require(bundle)` in a brand-new node process (nothing cached, no warm-up). */
function coldImport(bundle: string): ImportTime {
  const script =
    'const c=process.cpuUsage();const t=performance.now();const m=require(process.argv[1]);' +
    'const w=performance.now()-t;const u=process.cpuUsage(c);' +
    'if(typeof m.handler!=="function")throw new Error("no handler export");' +
    'process.stdout.write(JSON.stringify({wallMs:w,cpuMs:(u.user+u.system)/1000}));';
  const out = spawnSync(process.execPath, ['-e', script, bundle], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH },
  });
  if (out.status !== 0) throw new Error(`import of ${bundle} failed: ${out.stderr}`);
  return JSON.parse(out.stdout) as ImportTime;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** The packages that weigh most in the output (bytes of minified code they contribute). */
function heaviestPackages(metafile: Metafile, count: number): [string, number][] {
  const byPackage = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [input, { bytesInOutput }] of Object.entries(output.inputs)) {
      const m = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input);
      const name = m ? m[1] : '(sitebot src)';
      byPackage.set(name, (byPackage.get(name) ?? 0) + bytesInOutput);
    }
  }
  return [...byPackage].sort((a, b) => b[1] - a[1]).slice(0, count);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(2)} MB`;

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'sitebot-bundle-'));
  try {
    const rows: string[] = [];
    const heavy: string[] = [];
    for (const name of HANDLERS) {
      const outfile = join(dir, name, 'src', 'handlers', `${name}.js`);
      const result = await build({
        ...ESBUILD_OPTIONS,
        mainFields: [...ESBUILD_OPTIONS.mainFields],
        absWorkingDir: ROOT,
        entryPoints: [join(ROOT, 'src', 'handlers', `${name}.ts`)],
        outfile,
        metafile: true,
        logLevel: 'error',
      });
      const code = readFileSync(outfile);
      const zipped = zipOneFile(`src/handlers/${name}.js`, code).length;
      const samples = Array.from({ length: RUNS }, () => coldImport(outfile));
      const times = samples.map((t) => t.wallMs);
      const med = median(times);
      const cpu = median(samples.map((t) => t.cpuMs));
      const artifact = join(ROOT, '.serverless', `${name}.zip`);
      const slsZip = existsSync(artifact) ? mb(statSync(artifact).size) : 'n/a';
      const verdict = (met: boolean, what: string) => `${what} ${met ? 'met' : '**missed**'}`;
      const targets =
        name === 'slack'
          ? `${verdict(zipped < TARGET_ZIP_BYTES, 'size')}, ${verdict(med < TARGET_IMPORT_MS, 'import')}`
          : '—';
      rows.push(
        `| ${name} | ${mb(code.length)} | ${mb(zipped)} | ${slsZip} | ${med.toFixed(0)} ms | ${cpu.toFixed(0)} ms | ` +
          `${times.map((t) => t.toFixed(0)).join(', ')} | ${targets} |`,
      );
      heavy.push(
        `- ${name}: ` +
          heaviestPackages(result.metafile!, 6)
            .map(([pkg, bytes]) => `${pkg} ${kb(bytes)}`)
            .join(', '),
      );
    }
    const load = loadavg()
      .map((l) => l.toFixed(1))
      .join(' ');
    console.log(
      `node ${process.version}, ${cpus().length} cores, load average ${load}; ${RUNS} fresh processes each\n`,
    );
    console.log(
      '| handler | bundle | zipped | .serverless zip | cold import, wall (median) | CPU (median) | wall, each run (ms) | targets |',
    );
    console.log('|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log('\nHeaviest packages in each bundle (minified bytes):\n');
    for (const line of heavy) console.log(line);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
