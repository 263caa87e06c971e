// proxy-from-env ships no types; the one function client.ts uses, as its documentation gives it.
declare module 'proxy-from-env' {
  /** The proxy's URL for `url` from HTTP_PROXY, HTTPS_PROXY, ALL_PROXY and NO_PROXY, or '' when none applies. */
  export function getProxyForUrl(url: string | URL): string;
}
