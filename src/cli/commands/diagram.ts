/**
 * `sitebot diagram <env> [--drill] [--out file.svg|file.png]`: the environment's picture (or,
 * with --drill, its latest failover drill's probe timeline) as SVG on stdout, or written to a
 * file — PNG when the name ends in .png.
 */
import { writeFile } from 'node:fs/promises';
import { createDiagrams, discoveryAdapters } from '../../diagram';
import type { CliDiagram } from '../args';
import type { CliContext, CliIo } from '../context';
import { cliTexts } from '../texts';
import { EXIT } from './follow';

export async function runDiagram(cmd: CliDiagram, io: CliIo, ctx: CliContext): Promise<number> {
  const diagrams = createDiagrams({
    store: ctx.store,
    aws: discoveryAdapters(ctx.clients),
    azs: ctx.config.azs,
    now: ctx.now,
    language: ctx.config.i18n,
  });
  // The operator's language (SITEBOT_LANG), like every other line the CLI prints.
  const lang = ctx.config.i18n.lang;
  const picture = cmd.drill ? await diagrams.drill(cmd.env, lang) : await diagrams.environment(cmd.env, lang);
  if (!picture) {
    const exists = cmd.drill && (await ctx.store.environments.get(cmd.env));
    const t = cliTexts(ctx.config).cli;
    io.stderr.write(`${exists ? t.noDrillYet({ env: cmd.env }) : t.noEnv({ env: cmd.env })}\n`);
    return EXIT.failed;
  }
  if (!cmd.out) {
    io.stdout.write(`${picture.svg}\n`);
    return EXIT.ok;
  }
  const png = cmd.out.toLowerCase().endsWith('.png');
  await writeFile(cmd.out, png ? await diagrams.png(picture.svg) : picture.svg);
  io.stdout.write(`${cliTexts(ctx.config).cli.wrote({ file: cmd.out })}\n`);
  return EXIT.ok;
}
