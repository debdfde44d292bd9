/**
 * The bot's services over the workflows: what `createApp({ services })` plugs in. Each
 * command and button lives in its own small module beside this one.
 */
import type { BotServices } from '../services';
import { handleButton } from './buttons';
import { startCreateService } from './create';
import type { BotServiceDeps } from './deps';
import { destroyService } from './destroy';
import { explainService } from './explain';
import { extendService } from './extend';
import { failoverService } from './failover';
import { langService } from './lang';
import { hoursService, powerService } from './power';

export function buildBotServices(deps: BotServiceDeps): BotServices {
  return {
    startCreate: (cmd, ctx) => startCreateService(deps, cmd, ctx),
    extend: (cmd, ctx) => extendService(deps, cmd, ctx),
    startDestroy: (cmd, ctx) => destroyService(deps, cmd, ctx),
    startFailover: (cmd, ctx) => failoverService(deps, cmd, ctx),
    power: (cmd, ctx) => powerService(deps, cmd, ctx),
    hours: (cmd, ctx) => hoursService(deps, cmd, ctx),
    explain: (cmd, ctx) => explainService(deps, cmd, ctx),
    setLang: (cmd, ctx) => langService(deps, cmd, ctx),
    handleButton: (press, ctx) => handleButton(deps, press, ctx),
  };
}
