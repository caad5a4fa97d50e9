import { z } from 'zod';
import { ValidationError } from '../domain/errors.js';

/**
 * Building blocks for request bodies. Bodies are strict — an unknown property is a 400 naming it,
 * not silently dropped — except Graph's own annotations (@odata.type and friends), which clients
 * such as the Graph SDKs send.
 */
export function graphBody<Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(stripAnnotations, z.strictObject(shape));
}

function stripAnnotations(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).filter(([key]) => !key.startsWith('@odata.') || key === '@odata.id'));
}

export const text = (max = 256) => z.string().trim().min(1).max(max);
export const optionalText = (max = 256) => z.string().max(max).nullable().optional();
export const guid = z.string().uuid({ message: 'must be a GUID' });

/** An absolute date and time with a zone, as Graph's DateTimeOffset. */
export const dateTimeOffset = z.string().max(40).datetime({ offset: true, message: 'must be an ISO 8601 date and time, e.g. 2026-01-31T09:00:00Z' });

/** A reference body for …/$ref: {"@odata.id": "https://host/v1.0/directoryObjects/{id}"}. */
export const referenceBody = z.strictObject({ '@odata.id': z.string().max(2048) });

/** The id at the end of an @odata.id URL (users/{id}, groups/{id} or directoryObjects/{id}). */
export function idFromODataId(odataId: string): { collection: string; id: string } | null {
  const match = /(?:^|\/)(users|groups|directoryObjects|accessPackages)\/([^/?#()']+)\/?$/.exec(odataId) ?? /(?:^|\/)(users|groups|directoryObjects|accessPackages)\('([^']+)'\)$/.exec(odataId);
  if (!match) return null;
  try {
    return { collection: match[1]!, id: decodeURIComponent(match[2]!) };
  } catch {
    return null; // a malformed percent-escape is a bad reference, not a server error
  }
}

/** The id an @odata.id reference points at, refusing references to the wrong kind of object. */
export function referencedId(odataId: string, collections: string[]): string {
  const reference = idFromODataId(odataId);
  if (!reference || !collections.includes(reference.collection)) {
    throw new ValidationError(`'@odata.id' must be a URL ending in /${collections[0]}/{id}.`, '@odata.id');
  }
  return reference.id;
}
