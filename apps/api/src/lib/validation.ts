// Request validation. Bodies are checked strictly (no type coercion: "123" is not a number, unknown fields are
// refused); params and query strings arrive as text, so there numbers and booleans are coerced.
import { Ajv, type ErrorObject } from "ajv";
import addFormats from "ajv-formats";
import type { FastifySchemaValidationError } from "fastify/types/schema.ts";
import type { FieldError } from "@pwp/shared/error-codes";

function createAjv(coerceTypes: boolean | "array") {
  const ajv = new Ajv({ coerceTypes, useDefaults: true, removeAdditional: false, allErrors: false, strict: false });
  addFormats.default(ajv);
  return ajv;
}

const bodyAjv = createAjv(false);
const textAjv = createAjv("array");

export function compileValidator({ schema, httpPart }: { schema: object; httpPart?: string }) {
  return (httpPart === "body" ? bodyAjv : textAjv).compile(schema);
}

/** Ajv errors → the fields our error body names, e.g. "body.email". */
export function toFieldErrors(context: string, errors: readonly (FastifySchemaValidationError | ErrorObject)[]): FieldError[] {
  return errors.map((error) => {
    const pointer = error.instancePath.split("/").filter(Boolean).join(".");
    const params = error.params as { missingProperty?: string; additionalProperty?: string };
    const property = params.missingProperty ?? params.additionalProperty;
    const field = [context, pointer, property].filter(Boolean).join(".");
    if (params.missingProperty) return { field, message: "is required" };
    if (params.additionalProperty) return { field, message: "is not an accepted field" };
    return { field, message: error.message ?? "is invalid" };
  });
}
