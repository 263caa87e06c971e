// The simulated CRM's own paths. Kept apart from the client's constants on purpose: a typo in the
// client's path must meet THE API YOU WANT TO CONSULT DOES NOT EXIST here, not be masked by sharing it.
import type { ResolvedMockOptions } from './options.js';

export const PATHS = {
  update: '/server/API/v2/custom/update.php',
  updateMany: '/server/API/v2/custom/updateMany.php',
  query: '/server/API/v2/custom/query.php',
  queryDates: '/server/API/v2/custom/queryDates.php',
  tokenInfo: '/server/API/v2/token/tokenInformation.php',
} as const;

export type Route = keyof typeof PATHS;
/** The routes that carry a JSON body and take a call number (for faults and the ledger). */
export type DataRoute = Exclude<Route, 'tokenInfo'>;

/** Which endpoint a request is for; undefined for an unknown path or a method it does not take. */
export function routeOf(method: string | undefined, pathname: string, config: ResolvedMockOptions): Route | undefined {
  if (pathname === PATHS.tokenInfo) return config.tokenInfoMethod === 'any' || method === config.tokenInfoMethod ? 'tokenInfo' : undefined;
  if (method !== 'POST') return undefined;
  const route = (Object.keys(PATHS) as Route[]).find((name) => PATHS[name] === pathname);
  return route === 'tokenInfo' ? undefined : route;
}
