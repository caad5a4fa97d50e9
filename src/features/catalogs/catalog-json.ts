import { catalogPropertyNames, type Catalog } from '../../domain/catalog.js';
import type { ResourceShape } from '../../http/odata/query-options.js';

/** A catalog as the API shows it (also inside other features' $expand=catalog): Graph's shape, without what only history needs. */
export function catalogJson(catalog: Catalog): Record<string, unknown> {
  const { deletedDateTime: _deleted, ...graph } = catalog;
  return graph;
}

export const catalogShape: ResourceShape = { name: 'microsoft.graph.accessPackageCatalog', properties: catalogPropertyNames, expandable: {} };
