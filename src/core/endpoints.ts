// The API's paths, shared by the client and the simulated CRM (src/mock): the reference says where each is.
export const API_PATHS = {
  update: '/server/API/v2/custom/update.php',
  tokenInfo: '/server/API/v2/token/tokenInformation.php',
} as const;
