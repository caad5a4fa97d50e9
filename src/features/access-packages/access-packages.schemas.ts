import { z } from 'zod';
import { graphBody, optionalText, text } from '../schema-helpers.js';

const mutableProperties = {
  displayName: text(256),
  description: optionalText(2048),
  isHidden: z.boolean().optional(),
};

// A package lives in one catalog for good: moving it would change who may manage it.
export const createAccessPackageBody = graphBody({ ...mutableProperties, catalog: graphBody({ id: z.string().trim().min(1).max(64) }) });
export const updateAccessPackageBody = graphBody({ ...mutableProperties, displayName: text(256).optional() });

export type CreateAccessPackageInput = z.infer<typeof createAccessPackageBody>;
export type UpdateAccessPackageInput = z.infer<typeof updateAccessPackageBody>;
