import { z } from 'zod';
import { extensionAttributeNames, userTypes } from '../../domain/user.js';
import { dateTimeOffset, graphBody, optionalText, text } from '../schema-helpers.js';

const userPrincipalName = z
  .string()
  .trim()
  .max(113)
  // ASCII only, as Entra has it: case-insensitive uniqueness then means the same on both dialects.
  .regex(/^[\x21-\x3f\x41-\x7e]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}$/, 'must look like alias@domain.example, in ASCII');
const mailAddress = z.string().trim().max(256).email();
const extensionAttributes = z.strictObject(
  Object.fromEntries(extensionAttributeNames.map((name) => [name, z.string().max(1024).nullable().optional()])) as Record<
    (typeof extensionAttributeNames)[number],
    z.ZodOptional<z.ZodNullable<z.ZodString>>
  >,
);

const mutableProperties = {
  displayName: text(256),
  givenName: optionalText(64),
  surname: optionalText(64),
  mail: mailAddress.nullable().optional(),
  otherMails: z.array(mailAddress).max(250).optional(),
  proxyAddresses: z.array(z.string().trim().min(1).max(256)).max(250).optional(),
  userType: z.enum(userTypes).optional(),
  accountEnabled: z.boolean().optional(),
  department: optionalText(64),
  jobTitle: optionalText(128),
  companyName: optionalText(64),
  country: optionalText(128),
  city: optionalText(128),
  officeLocation: optionalText(128),
  employeeId: optionalText(16),
  employeeType: optionalText(64),
  employeeHireDate: dateTimeOffset.nullable().optional(),
  usageLocation: z.string().regex(/^[A-Z]{2}$/, 'must be a two-letter country code (ISO 3166)').nullable().optional(),
  onPremisesExtensionAttributes: extensionAttributes.optional(),
};

export const createUserBody = graphBody({ ...mutableProperties, userPrincipalName });
export const updateUserBody = graphBody({ ...mutableProperties, displayName: text(256).optional(), userPrincipalName: userPrincipalName.optional() });

export type CreateUserInput = z.infer<typeof createUserBody>;
export type UpdateUserInput = z.infer<typeof updateUserBody>;
