import { z } from 'zod';
import { catalogStates } from '../../domain/catalog.js';
import { graphBody, optionalText, text } from '../schema-helpers.js';

// Only user-managed catalogs are made through the API; the service's own catalogs are its to make.
const mutableProperties = {
  displayName: text(256),
  description: optionalText(1024),
  catalogType: z.enum(['userManaged']).optional(),
  state: z.enum(catalogStates).optional(),
  isExternallyVisible: z.boolean().optional(),
};

export const createCatalogBody = graphBody(mutableProperties);
export const updateCatalogBody = graphBody({ ...mutableProperties, displayName: text(256).optional() });

export type CreateCatalogInput = z.infer<typeof createCatalogBody>;
export type UpdateCatalogInput = z.infer<typeof updateCatalogBody>;
