import { z } from 'zod';
import { graphBody, optionalText, text } from '../schema-helpers.js';

/**
 * Bodies of connectedOrganizations. An identity source is polymorphic: its @odata.type says which
 * kind it is, so it keeps that annotation (graphBody strips them only at the top). Tessera knows an
 * organization by the e-mail domain of its people, so it takes the two kinds that name a domain;
 * Entra's tenant kinds name a Microsoft tenant, which Tessera cannot ask about.
 *
 * These schemas check types and hard bounds; what makes a domain valid (its syntax, once in the
 * list, no other organization's, an https issuer) is identitySourceProblems' to say, all at once.
 */
const identitySourceTypes = ['#microsoft.graph.domainIdentitySource', '#microsoft.graph.externalDomainFederation'] as const;

const sourceFields = {
  domainName: z.string().trim().min(1).max(300),
  // Graph's examples repeat the domain here; leaving it out means the same.
  displayName: z.string().trim().min(1).max(256).optional(),
};

const identitySource = z.preprocess(
  keepODataType,
  z.discriminatedUnion(
    '@odata.type',
    [
      z.strictObject({ '@odata.type': z.literal(identitySourceTypes[0]), ...sourceFields }),
      z.strictObject({ '@odata.type': z.literal(identitySourceTypes[1]), ...sourceFields, issuerUri: z.string().trim().min(1).max(2048) }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `'@odata.type' must be one of ${identitySourceTypes.join(', ')}: Tessera knows a connected organization by the e-mail domain of its people (Microsoft tenants and social identity providers are not supported).`
          : undefined,
    },
  ),
);

function keepODataType(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const kept = Object.entries(value).filter(([key]) => !key.startsWith('@odata.') || key === '@odata.type');
  return Object.fromEntries(kept.map(([key, member]) => [key, key === '@odata.type' && typeof member === 'string' ? member.replace(/^#?/, '#') : member]));
}

// Generous: the domain's limit (25) says so in its own words.
const identitySources = z.array(identitySource).max(100);
const state = z.enum(['configured', 'proposed']);

export const createConnectedOrganizationBody = graphBody({
  displayName: text(256),
  description: optionalText(1024),
  identitySources,
  state: state.optional(),
});

export const updateConnectedOrganizationBody = graphBody({
  displayName: text(256).optional(),
  description: optionalText(1024),
  identitySources: identitySources.optional(),
  state: state.optional(),
});

export type CreateConnectedOrganizationInput = z.infer<typeof createConnectedOrganizationBody>;
export type UpdateConnectedOrganizationInput = z.infer<typeof updateConnectedOrganizationBody>;
export type IdentitySourceInput = z.infer<typeof identitySources>[number];
