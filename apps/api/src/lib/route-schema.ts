// Response schemas shared by every route's declaration.
import { ErrorBodySchema } from "@pwp/shared/error-codes";

type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 423 | 429 | 503;

/** The ErrorBody schema for each listed status, plus 500, which any route can answer. */
export function errorResponses<S extends ErrorStatus>(...statuses: S[]): Record<S | 500, typeof ErrorBodySchema> {
  const responses = { 500: ErrorBodySchema } as Record<S | 500, typeof ErrorBodySchema>;
  for (const status of statuses) responses[status] = ErrorBodySchema;
  return responses;
}
