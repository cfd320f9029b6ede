/** The only host Adlens ever sends a request to. */
export const GRAPH_ORIGIN = 'https://graph.facebook.com';
export const GRAPH_HOST_PERMISSION = `${GRAPH_ORIGIN}/*`;

/** Where Ads Manager lives; Meta has moved it between these hosts before. */
export const ADS_MANAGER_ORIGINS = [
  'https://adsmanager.facebook.com',
  'https://business.facebook.com',
  'https://www.facebook.com',
] as const;

export const ADS_MANAGER_MATCHES = [
  'https://adsmanager.facebook.com/*',
  'https://business.facebook.com/adsmanager/*',
  'https://www.facebook.com/adsmanager/*',
] as const;
