// The shared readers of API errors and the new-password check that several features' forms rely on.
import { PASSWORD_MIN_LENGTH } from "@pwp/shared/users";
import type { TFunction } from "i18next";
import { describe, expect, it } from "vitest";
import { ApiError } from "@/lib/api-client";
import { describeFormError, hasFieldError, readFieldErrors } from "@/lib/form-errors";
import { checkNewPassword } from "@/lib/new-password";

// Returns the key (and options), so the tests see which message was chosen without loading the dictionaries.
const t = ((key: string, options?: object) => (options ? `${key} ${JSON.stringify(options)}` : key)) as unknown as TFunction;

const validationError = new ApiError({
  status: 400,
  code: "VALIDATION_FAILED",
  message: "Invalid body",
  fields: [
    { field: "body.contact.email", message: "first" },
    { field: "body.contact.email", message: "second" },
    { field: "query.page", message: "not a body field" },
  ],
});

describe("readFieldErrors", () => {
  it("keys the first message per field by its name under the prefix", () => {
    expect(readFieldErrors(validationError)).toEqual({ "contact.email": "first" });
    expect(readFieldErrors(validationError, "body.contact.")).toEqual({ email: "first" });
  });

  it("reads nothing from what is not an ApiError", () => {
    expect(readFieldErrors(new Error("boom"))).toEqual({});
    expect(readFieldErrors(null)).toEqual({});
  });
});

describe("hasFieldError", () => {
  it("matches the full field path", () => {
    expect(hasFieldError(validationError, "body.contact.email")).toBe(true);
    expect(hasFieldError(validationError, "contact.email")).toBe(false);
    expect(hasFieldError(undefined, "body.contact.email")).toBe(false);
  });
});

describe("describeFormError", () => {
  const conflict = new ApiError({ status: 409, code: "CONFLICT", message: "Taken" });
  const network = new ApiError({ status: 0, code: "NETWORK_ERROR", message: "offline" });

  it("says nothing without an error or field errors", () => {
    expect(describeFormError(null, t)).toBeNull();
  });

  it("points to the fields first", () => {
    expect(describeFormError(conflict, t, { hasFieldErrors: true, byCode: { CONFLICT: "own" } })).toBe("errors.checkFields");
    expect(describeFormError(null, t, { hasFieldErrors: true })).toBe("errors.checkFields");
  });

  it("uses the caller's message for a code it knows, else the network or generic one", () => {
    expect(describeFormError(conflict, t, { byCode: { CONFLICT: "own" } })).toBe("own");
    expect(describeFormError(conflict, t)).toBe("errors.unexpected");
    expect(describeFormError(network, t)).toBe("errors.network");
    expect(describeFormError(new Error("boom"), t)).toBe("errors.unexpected");
  });
});

describe("checkNewPassword", () => {
  const longEnough = "x".repeat(PASSWORD_MIN_LENGTH);

  it("accepts a long enough password typed twice", () => {
    expect(checkNewPassword(longEnough, longEnough, t)).toEqual({});
  });

  it("reports a short password and a confirmation that differs", () => {
    expect(checkNewPassword("short", "other", t)).toEqual({
      password: `errors.passwordTooShort {"count":${PASSWORD_MIN_LENGTH}}`,
      confirmation: "errors.passwordMismatch",
    });
  });
});
