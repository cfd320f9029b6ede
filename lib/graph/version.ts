/** The one Graph API version Adlens speaks (meta-graph-api.md §1); bump it here and nowhere else. */
export const GRAPH_API_VERSION = 'v26.0';
