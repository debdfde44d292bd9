/**
 * Runs the AWS emulator on its own: `npx tsx src/sandbox/aws/main.ts` (port SANDBOX_AWS_PORT
 * or 4566). The sandbox start script starts it in-process with `startEmulator` instead.
 */
import { startEmulator } from './server';

async function main(): Promise<void> {
  const port = Number(process.env.SANDBOX_AWS_PORT ?? 4566);
  const emu = await startEmulator({ port });
  process.stdout.write(
    `AWS emulator ready on ${emu.url} (clock speed ${emu.world.clock.speed}x, region ${emu.world.region})\n`,
  );
  const stop = () => void emu.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
