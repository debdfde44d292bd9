/**
 * What carries an env's tags in AWS right now, found by the teardown's own finders (no deletes).
 * A network interface attached to an instance is part of that instance (it goes with it), so it
 * is not counted apart: the inventory then agrees with the plan and the receipt.
 */
import type { FindOwned } from '../operations/env-inventory';
import { teardownAws, type DestroyDeps } from './deps';
import { isOwned } from './resources';
import { ALL_UNITS } from './units/all';

export function findOwnedWith(deps: DestroyDeps): FindOwned {
  const aws = teardownAws(deps);
  return async (env, recorded) => {
    const found = await Promise.all(ALL_UNITS.map((unit) => unit.find(aws, { env, recorded })));
    return found
      .flat()
      .filter((c) => isOwned(c.tags, env) && !(c.type === 'network-interface' && c.facts?.attached === true))
      .map((c) => ({ type: c.type, id: c.id }));
  };
}
